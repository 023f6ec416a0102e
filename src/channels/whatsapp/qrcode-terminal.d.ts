/** qrcode-terminal ships no types; this is the one function the WhatsApp channel uses. */
declare module "qrcode-terminal" {
  interface QrcodeTerminal {
    generate(text: string, options?: { small?: boolean }, callback?: (rendered: string) => void): void;
  }
  const qrcode: QrcodeTerminal;
  export default qrcode;
}
