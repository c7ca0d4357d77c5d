// Every scenario, in the order of the report (the order of issue 8's table).
import { bulkPublishScenarios } from "./bulk-publish.mjs";
import { catalogSiteScenarios } from "./catalog-site.mjs";
import { gitRegistryScenarios } from "./git-registry.mjs";
import { installScenarios } from "./install.mjs";
import { largeRegistryScenarios } from "./large-registry.mjs";
import { packageScenarios } from "./package-size.mjs";
import { startupScenarios } from "./startup.mjs";

export const scenarios = [...startupScenarios, ...installScenarios, ...largeRegistryScenarios, ...catalogSiteScenarios, ...bulkPublishScenarios, ...gitRegistryScenarios, ...packageScenarios];
