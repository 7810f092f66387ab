import ArgumentParser

struct AutodebitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autodebit",
        abstract: "Find unwanted automatic deductions in your statements and get the evidence to dispute them.",
        discussion: """
        Export your WeChat Pay bills, Alipay transaction details and bank or card statements \
        (CSV, XLSX, OFX, camt.053) into one folder and run `autodebit scan FOLDER`. It links the \
        same payment seen twice, finds recurring charges, and reports charges after a recorded \
        cancellation, shortened renewal intervals, duplicates, price rises, trial conversions \
        and reactivations, with a complaint-ready Markdown report.

        Record a cancellation with `autodebit cancel FOLDER --merchant NAME --date YYYY-MM-DD`.

        Exit status: 0 success; 1 with --exit-code and new findings; 2 bad usage or config; \
        3 an input file could not be read (the others are still processed); 4 any other failure.
        """,
        subcommands: [ScanCommand.self, SubscriptionsCommand.self, CancelCommand.self, AckCommand.self, FormatsCommand.self]
    )
}
