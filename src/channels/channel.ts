/** A running transport; main stops every channel on SIGINT/SIGTERM. */
export interface RunningChannel {
  name: string;
  stop(): Promise<void>;
  /** Settles when the channel ends by itself (the console's input closed). */
  ended?: Promise<void>;
}
