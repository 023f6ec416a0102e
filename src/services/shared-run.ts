/**
 * One run at a time of a delivery (an outbox, the reminders): a call while a run is under way gets that
 * run's result instead of starting a second one that would send the same messages again.
 */
export function sharedRun<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  };
}
