import Foundation
import HamkariFuzzTargets

// Built with `scripts/fuzz` (-sanitize=fuzzer,address and -D FUZZING): libFuzzer's own main drives
// the target named by HAMKARI_FUZZ_TARGET. Built plainly, it replays files: `hamkari-fuzz TARGET FILE…`.
#if FUZZING
private let target: FuzzTarget = {
    guard let name = ProcessInfo.processInfo.environment["HAMKARI_FUZZ_TARGET"], let target = FuzzTarget(rawValue: name) else {
        fatalError("Set HAMKARI_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    target.run(start.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}
#else
@main
enum FuzzReplay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: hamkari-fuzz TARGET FILE…  (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
            exit(64)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                exit(66)
            }
            target.run(data)
        }
        print("\(arguments.count - 1) inputs through \(name): no crash")
    }
}
#endif
