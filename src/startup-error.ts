/** A start-up problem the operator must fix; main prints the message and exits without a stack trace. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}
