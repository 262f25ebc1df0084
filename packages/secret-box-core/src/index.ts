export { keyId, keyring, openValue, sealValue, sealedWithCurrent, type Keyring } from "./secret-box.js";
