/**
 * The layering of style.md, enforced: `npm run lint` (part of `npm test`) fails on a violation.
 *   domain   pure rules: imports nothing of ours but domain
 *   kernel   clock, logger, paths, startup-error, translator, config: below every layer
 *   store    schema, crypto, repositories                -> domain, kernel
 *   services who may do what, over several repositories  -> store, domain, kernel
 *   bot      grammY features and dialogues               -> services, store, domain, kernel (App: type only)
 *   channels transports under grammY                     -> the bot's entry (createBot, context), never a feature
 *   jobs, cli                                            -> services, store, domain, kernel, app; never bot or channels
 * app.ts and main.ts compose everything.
 */
const KERNEL = "^src/(clock|logger|paths|startup-error|translator|config)\\.ts$";

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
      to: { path: "^src/(app|main)\\.ts$|^src/(store|services|bot|channels|jobs|cli)/" },
    },
    {
      name: "store-below-services",
      severity: "error",
      comment: "Repositories know tables, not services, dialogues, channels, jobs or commands.",
      from: { path: "^src/store/" },
      to: { path: "^src/(app|main)\\.ts$|^src/(services|bot|channels|jobs|cli)/" },
    },
    {
      name: "services-below-bot",
      severity: "error",
      comment: "Services are shared by the bot, the jobs and the admin CLI, so they import none of them.",
      from: { path: "^src/services/" },
      to: { path: "^src/(app|main)\\.ts$|^src/(bot|channels|jobs|cli)/" },
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
      to: { path: "^src/(channels|jobs|cli)/|^src/main\\.ts$" },
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
