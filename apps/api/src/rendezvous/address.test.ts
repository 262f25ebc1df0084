import { describe, expect, it } from "vitest";
import { attachUrl } from "./address.js";

describe("attachUrl", () => {
  it("puts the secret in attach_url, on the API's host and the rendezvous port", () => {
    expect(attachUrl({ apiUrl: "https://pier.example.com", rendezvousPort: 5001 }, "s3cret")).toBe("rendezvous://pier.example.com:5001/s3cret");
  });
});
