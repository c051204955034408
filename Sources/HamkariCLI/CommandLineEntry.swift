import Logging

/// Runs the command line: logs go to stderr (as `time level label: message key=value…`),
/// leaving stdout for results. Tests run commands without this, so logging is bootstrapped here only.
public func runCommandLine() async {
    LoggingSystem.bootstrap(StreamLogHandler.standardError)
    await HamkariCommand.main()
}
