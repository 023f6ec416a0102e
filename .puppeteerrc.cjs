/**
 * Puppeteer (pulled in by whatsapp-web.js for the WhatsApp channel) would download its own Chrome at
 * `npm install`. The WhatsApp channel uses the system's Chromium instead (Debian: `apt-get install
 * chromium`), and a Telegram-only deployment needs no browser at all, so the download is skipped here.
 * `npm install --ignore-scripts` is not the way: it would also skip better-sqlite3's build (facts.md).
 */
/** @type {import("puppeteer").Configuration} */
module.exports = {
  skipDownload: true,
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || "/usr/bin/chromium",
};
