import Foundation

/// Checks a JSON response against the schema the OpenAPI document gives for it. It knows the
/// JSON Schema keywords the document uses (type, required, properties, additionalProperties,
/// items, enum, $ref), which is enough to catch a response drifting from its contract.
public struct OpenAPIConformance {
    public let document: [String: Any]

    public init(documentData: Data) throws {
        guard let document = try JSONSerialization.jsonObject(with: documentData) as? [String: Any] else {
            throw ConformanceError("the document is not a JSON object")
        }
        self.document = document
    }

    public struct ConformanceError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// The documented paths, e.g. `/api/v1/organisations/{id}`.
    public var paths: Set<String> {
        Set((document["paths"] as? [String: Any])?.keys.map { $0 } ?? [])
    }

    /// The schema of the JSON body documented for `status` (or `default`) of `METHOD path`.
    public func responseSchema(path: String, status: Int, method: String = "get") throws -> [String: Any] {
        guard let operation = ((document["paths"] as? [String: Any])?[path] as? [String: Any])?[method] as? [String: Any],
              let responses = operation["responses"] as? [String: Any] else {
            throw ConformanceError("\(method.uppercased()) \(path) is not documented")
        }
        guard var response = (responses[String(status)] ?? responses["default"]) as? [String: Any] else {
            throw ConformanceError("GET \(path) documents no response \(status)")
        }
        if let reference = response["$ref"] as? String { response = try resolve(reference) }
        guard let schema = ((response["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any] else {
            throw ConformanceError("GET \(path) \(status) has no JSON schema")
        }
        return schema
    }

    /// Every way `value` breaks `schema`; empty when it conforms.
    public func violations(of value: Any, against schema: [String: Any], at location: String = "$") throws -> [String] {
        var schema = schema
        if let reference = schema["$ref"] as? String { schema = try resolve(reference) }
        var problems: [String] = []
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { "\($0)" == "\(value)" }) {
            problems.append("\(location): \(value) is not one of \(allowed)")
        }
        let types: [String] = (schema["type"] as? [String]) ?? ((schema["type"] as? String).map { [$0] } ?? [])
        if !types.isEmpty, !types.contains(where: { Self.matches(value, type: $0) }) {
            return problems + ["\(location): expected \(types.joined(separator: " or ")), found \(type(of: value))"]
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            for required in schema["required"] as? [String] ?? [] where object[required] == nil {
                problems.append("\(location): missing \(required)")
            }
            for (key, member) in object {
                if let propertySchema = properties[key] {
                    problems += try violations(of: member, against: propertySchema, at: "\(location).\(key)")
                } else if (schema["additionalProperties"] as? Bool) == false {
                    problems.append("\(location): undocumented property \(key)")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, element) in array.enumerated() {
                problems += try violations(of: element, against: items, at: "\(location)[\(index)]")
            }
        }
        return problems
    }

    private func resolve(_ reference: String) throws -> [String: Any] {
        var node: Any = document
        for part in reference.dropFirst(2).split(separator: "/") {
            guard let next = (node as? [String: Any])?[String(part)] else { throw ConformanceError("unresolvable \(reference)") }
            node = next
        }
        guard let schema = node as? [String: Any] else { throw ConformanceError("\(reference) is not an object") }
        return schema
    }

    private static func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return value is Bool
        case "number", "integer": return value is NSNumber || value is Double || value is Int
        default: return false
        }
    }
}
