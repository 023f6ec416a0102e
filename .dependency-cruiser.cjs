/**
 * The layering of style.md, enforced: `npm run lint` (part of `npm test`) fails on a violation.
 *   domain   pure rules: imports nothing of ours but domain
 *   kernel   clock, logger, paths, startup-error, translator, config, environment: below every layer
 *   store    schema, crypto, repositories                -> domain, kernel
 *   services who may do what, over several repositories  -> store, domain, kernel
 *   bot      grammY features and dialogues               -> services, store, domain, kernel (App: type only)
 *   channels transports under grammY                     -> the bot's entry (createBot, context), never a feature
 *   jobs, cli                                            -> services, store, domain, kernel, app; never bot or channels
 * app.ts, main.ts and start-bot.ts compose everything.
 */
const KERNEL = "^src/(clock|logger|paths|startup-error|translator|config|environment)\\.ts$";
/** Where everything is composed: no layer imports them. */
const COMPOSITION = "^src/(app|main|start-bot)\\.ts$";

module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", comment: "Import cycles make the layering meaningless.", from: {}, to: { circular: true } },
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "domain/ holds pure rules: no I/O and nothing of the layers above.",
      from: { path: "^src/domain/" },
      to: { path: "^src/", pathNot: "^src/domain/" },
    },
    {
      name: "kernel-stays-below",
      severity: "error",
      comment: "The kernel modules are used by every layer and use none of them.",
      from: { path: KERNEL },
      to: { path: `${COMPOSITION}|^src/(store|services|bot|channels|jobs|cli)/` },
    },
    {
      name: "store-below-services",
      severity: "error",
      comment: "Repositories know tables, not services, dialogues, channels, jobs or commands.",
      from: { path: "^src/store/" },
      to: { path: `${COMPOSITION}|^src/(services|bot|channels|jobs|cli)/` },
    },
    {
      name: "services-below-bot",
      severity: "error",
      comment: "Services are shared by the bot, the jobs and the admin CLI, so they import none of them.",
      from: { path: "^src/services/" },
      to: { path: `${COMPOSITION}|^src/(bot|channels|jobs|cli)/` },
    },
    {
      name: "jobs-and-cli-never-import-the-bot",
      severity: "error",
      comment: "Jobs and admin commands work without grammY's middleware: what they share with it lives in services, store or domain.",
      from: { path: "^src/(jobs|cli)/" },
      to: { path: "^src/(bot|channels)/" },
    },
    {
      name: "bot-knows-no-transport",
      severity: "error",
      comment: "A feature never knows which channel carries it (style.md), nor jobs or commands.",
      from: { path: "^src/bot/" },
      to: { path: "^src/(channels|jobs|cli)/|^src/(main|start-bot)\\.ts$" },
    },
    {
      name: "bot-uses-app-type-only",
      severity: "error",
      comment: "The bot sees the App through its type; app.ts builds it.",
      from: { path: "^src/bot/" },
      to: { path: "^src/app\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "channels-reach-the-bot-through-its-entry",
      severity: "error",
      comment: "A channel carries the bot; it reaches it through the bot's entry (src/bot/index.ts) and the context types only.",
      from: { path: "^src/channels/" },
      to: { path: "^src/bot/(?!(index|context)\\.ts$)|^src/(jobs|cli)/" },
    },
    {
      name: "the-entry-asks-get-me-before-the-bot-loads",
      severity: "error",
      comment: "main.ts asks getMe while loading next to nothing (see there): the rest of the bot it loads with import() only, after asking.",
      from: { path: "^src/main\\.ts$" },
      to: { path: "^src/", pathNot: "^src/(environment|channels/telegram-client|bot/api-failures)\\.ts$", dependencyTypesNot: ["dynamic-import", "type-only"] },
    },
    {
      name: "src-uses-no-dev-dependency",
      severity: "error",
      comment: "The product runs without devDependencies installed.",
      from: { path: "^src/" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".js", ".json"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
