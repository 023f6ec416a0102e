import { randomBytes } from "node:crypto";
import { MASTER_KEY_BYTES } from "../../store/crypto";
import type { AdminCommand } from "../context";

export const generateKey: AdminCommand = {
  name: "generate-key",
  usage: "generate-key",
  summary: "print a new random data key (base64 of 32 bytes) for DATA_KEY or DATA_KEY_FILE",
  run: async (_args, io) => {
    io.out(randomBytes(MASTER_KEY_BYTES).toString("base64"));
    return 0;
  },
};
