import HamkariCLI

await runCommandLine()
