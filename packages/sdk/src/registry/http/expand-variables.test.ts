import { describe, expect, it } from "vitest";
import { expandVariables, variablesIn } from "./expand-variables.js";

describe("expandVariables", () => {
  it("replaces every ${VAR}", () => {
    expect(expandVariables("https://${HOST}/r?t=${T}", { HOST: "agents.acme.dev", T: "x" }, "acme")).toBe("https://agents.acme.dev/r?t=x");
  });

  it("leaves text without variables alone, including a lone $", () => {
    expect(expandVariables("Bearer $TOKEN and $", {}, "acme")).toBe("Bearer $TOKEN and $");
  });

  it("names the missing variable and the registry that needs it", () => {
    expect(() => expandVariables("Bearer ${PROBE_TOKEN}", {}, "probe")).toThrow(
      expect.objectContaining({ code: "E_CONFIG", message: "PROBE_TOKEN is not set, needed by registry probe" }),
    );
  });

  it("accepts an empty value: set is set", () => {
    expect(expandVariables("x${EMPTY}y", { EMPTY: "" }, "r")).toBe("xy");
  });

  it("lists the variables a template uses", () => {
    expect(variablesIn("Bearer ${A} ${B_2}")).toEqual(["A", "B_2"]);
  });
});
