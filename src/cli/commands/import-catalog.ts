import { readCatalog } from "../../app";
import { loadConfig } from "../../config";
import { loadEnvFileIfPresent } from "../../environment";
import { closeApp, type AdminCommand } from "../context";

export const importCatalog: AdminCommand = {
  name: "import-catalog",
  usage: "import-catalog [path]",
  summary: "import services, doctors and working hours (default: CATALOG_PATH); bookings are never removed",
  run: async (args, io) => {
    loadEnvFileIfPresent();
    const catalogPath = args[0] ?? loadConfig().catalogPath;
    readCatalog(catalogPath);
    const app = await io.openApp({ catalogPath });
    closeApp(app);
    io.out(`Imported ${catalogPath}.`);
    return 0;
  },
};
