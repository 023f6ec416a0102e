/** Why a channel ended by itself, and the exit code the process then ends with. */
export interface ChannelEnd {
  reason: string;
  exitCode: number;
}

/** A running transport; main stops every channel on SIGINT/SIGTERM. */
export interface RunningChannel {
  name: string;
  /** Stops taking new updates and finishes those in hand (bounded), then resolves. */
  stop(): Promise<void>;
  /** For /healthz: false while the channel cannot take updates; a channel without it counts as up. */
  isUp?(): boolean;
  /** Settles when the channel ends by itself (the console's input closed, Telegram gave it up). */
  ended?: Promise<ChannelEnd>;
}
