import { describe, expect, it } from "vitest";
import { stringifyStable } from "./stable-json.js";

describe("stringifyStable", () => {
  it("sorts keys at every depth, byte order, 2-space indent, trailing newline", () => {
    expect(stringifyStable({ b: { z: 1, a: 2 }, a: [{ y: 1, x: 2 }], B: 0 })).toBe(
      '{\n  "B": 0,\n  "a": [\n    {\n      "x": 2,\n      "y": 1\n    }\n  ],\n  "b": {\n    "a": 2,\n    "z": 1\n  }\n}\n',
    );
  });

  it("keeps array order: arrays are data, not sets", () => {
    expect(stringifyStable([3, 1, 2])).toBe("[\n  3,\n  1,\n  2\n]\n");
  });

  it("drops undefined values instead of writing null", () => {
    expect(stringifyStable({ a: undefined, b: 1 })).toBe('{\n  "b": 1\n}\n');
  });

  it("puts leading keys first and sorts the rest", () => {
    expect(stringifyStable({ z: 1, agents: {}, lockfileVersion: 1 }, ["lockfileVersion"])).toBe(
      '{\n  "lockfileVersion": 1,\n  "agents": {},\n  "z": 1\n}\n',
    );
  });

  it("is the same for the same data in any insertion order", () => {
    expect(stringifyStable({ a: 1, b: { c: 2, d: 3 } })).toBe(stringifyStable({ b: { d: 3, c: 2 }, a: 1 }));
  });
});
