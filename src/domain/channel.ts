/** The transports a person can reach the bot through. */
export type ChannelName = "telegram" | "whatsapp" | "console";

/** The value blind-indexed for a chat: the same numeric id on two channels is two people. */
export function chatKey(channel: ChannelName, chatId: number | string): string {
  return `${channel}:${chatId}`;
}
