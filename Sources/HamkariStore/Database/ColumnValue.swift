import Foundation
import SQLKit

/// A column's value, in the few kinds the schema stores. A transaction's bulk rows are bound from
/// these by the driver itself (`DriverStatements`); anywhere else they are SQLKit binds.
enum ColumnValue: Sendable, SQLExpression {
    case null
    case integer(Int64)
    case real(Double)
    case boolean(Bool)
    case text(String)
    case blob(Data)

    func serialize(to serializer: inout SQLSerializer) {
        switch self {
        case .null: SQLLiteral.null.serialize(to: &serializer)
        case .integer(let value): serializer.write(bind: value)
        case .real(let value): serializer.write(bind: value)
        case .boolean(let value): serializer.write(bind: value)
        case .text(let value): serializer.write(bind: value)
        case .blob(let value): serializer.write(bind: value)
        }
    }
}
