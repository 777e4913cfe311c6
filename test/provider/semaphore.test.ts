/** The provider's one semaphore: never more than N in flight in total or on any feed, and everything finishes. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { FeedSemaphore } from "../../provider/semaphore";

/** A task that holds its slots until the test releases it. */
interface Held {
  readonly feeds: string[];
  release(): void;
}

describe("FeedSemaphore", () => {
  it("never has more than `total` in flight, nor more than `perFeed` on a feed, whatever the arrivals and release order", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 3 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
        async (total, perFeed, feedSets, order) => {
          const s = new FeedSemaphore({ total, perFeed });
          const running: Held[] = [];
          let peak = 0;
          const peakFeed = new Map<string, number>();
          const check = () => {
            peak = Math.max(peak, running.length);
            const perFeedNow = new Map<string, number>();
            for (const r of running) for (const f of r.feeds) perFeedNow.set(f, (perFeedNow.get(f) ?? 0) + 1);
            for (const [f, n] of perFeedNow) peakFeed.set(f, Math.max(peakFeed.get(f) ?? 0, n));
          };
          const done = feedSets.map((ids) => {
            const feeds = ids.map((i) => `rack/feed-${i}`);
            return s.run(
              feeds,
              () =>
                new Promise<void>((resolve) => {
                  const held: Held = {
                    feeds,
                    release: () => {
                      running.splice(running.indexOf(held), 1);
                      resolve();
                    },
                  };
                  running.push(held);
                  check();
                }),
            );
          });
          // Release in an arbitrary order until every task has run.
          for (let i = 0; running.length > 0 || s.load() > 0; i++) {
            await new Promise((r) => setImmediate(r));
            if (running.length > 0) running[order[i % order.length]! % running.length]!.release();
          }
          await Promise.all(done);
          assert.ok(peak <= total, `peak ${peak} > total ${total}`);
          for (const [f, n] of peakFeed) assert.ok(n <= perFeed, `feed ${f} peaked at ${n} > ${perFeed}`);
          assert.equal(s.load(), 0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("lets a waiter whose feeds are free pass one whose feed is busy", async () => {
    const s = new FeedSemaphore({ total: 10, perFeed: 1 });
    const order: string[] = [];
    let releaseA!: () => void;
    const a = s.run(["f1"], () => new Promise<void>((r) => (releaseA = r)));
    const b = s.run(["f1"], async () => void order.push("b"));
    const c = s.run(["f2"], async () => void order.push("c"));
    await c;
    assert.deepEqual(order, ["c"]);
    releaseA();
    await Promise.all([a, b]);
    assert.deepEqual(order, ["c", "b"]);
  });

  it("frees the slots of an action that fails", async () => {
    const s = new FeedSemaphore({ total: 1, perFeed: 1 });
    await assert.rejects(
      s.run(["f"], () => Promise.reject(new Error("boom"))),
      /boom/,
    );
    assert.equal(await s.run(["f"], async () => "next"), "next");
    assert.equal(s.load(), 0);
  });

  it("refuses a bound that is not a whole number of at least 1", () => {
    assert.throws(() => new FeedSemaphore({ total: 0, perFeed: 1 }), { message: "the BMC parallelism total should be a whole number of at least 1 (got 0)" });
    assert.throws(() => new FeedSemaphore({ total: 2, perFeed: 1.5 }), {
      message: "the BMC parallelism perFeed should be a whole number of at least 1 (got 1.5)",
    });
  });
});
