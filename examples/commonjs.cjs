// examples/commonjs.cjs: the SDK is an ES module; CommonJS code loads it with import().
async function main() {
  const { getAgentInfo } = await import("@agentreg/sdk");
  const info = await getAgentInfo({ dir: process.cwd(), spec: "senior-backend-engineer" });
  console.log(`${info.name}@${info.resolved} (loaded from CommonJS)`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
