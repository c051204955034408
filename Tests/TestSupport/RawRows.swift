import Foundation
import HamkariStore
import SQLKit

extension Store {
    /// Every value of every row of `table` as the disk holds it (text, or bytes read as UTF-8), to
    /// show that what should be sealed is not there in the clear.
    public func rawText(of table: String) async throws -> [String] {
        try await backend.read { database in
            try await database.select().column("*").from(table).all().flatMap { row in
                row.allColumns.map { column in
                    (try? row.decode(column: column, as: String.self))
                        ?? String(decoding: (try? row.decode(column: column, as: Data.self)) ?? Data(), as: UTF8.self)
                }
            }
        }
    }
}
