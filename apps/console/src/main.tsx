import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Console } from "./App.js";
import { SessionProvider } from "./session.js";
import "./styles.css";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <SessionProvider>
      <Console />
    </SessionProvider>
  </StrictMode>,
);
