import { describe, expect, it } from "vitest";
import { mapLimit } from "./map-limit.js";

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("mapLimit", () => {
  it("keeps the order of the items, whatever order the tasks finish in", async () => {
    expect(await mapLimit([30, 5, 20, 1], 4, async (ms, index) => (await sleep(ms), index * 10))).toEqual([0, 10, 20, 30]);
  });

  it("never runs more than `limit` tasks at once, and does run them in parallel", async () => {
    let running = 0;
    let most = 0;
    await mapLimit(Array.from({ length: 20 }, (_, i) => i), 3, async () => {
      most = Math.max(most, ++running);
      await sleep(2);
      running--;
    });
    expect(most).toBe(3);
  });

  it("throws the first failure after the started tasks settle, and starts no new ones", async () => {
    const started: number[] = [];
    let settled = 0;
    const run = mapLimit([0, 1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      await sleep(item === 0 ? 1 : 5);
      settled++;
      if (item === 0) throw new Error("first");
    });
    await expect(run).rejects.toThrow("first");
    expect(settled).toBe(started.length);
    expect(started.length).toBeLessThan(6);
  });

  it("handles no items", async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
  });
});
