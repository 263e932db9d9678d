import Foundation

/// A comparison a policy can state between measured values of the inputs, with tolerances, e.g.
/// `abs(video.duration - audio.duration) <= 0.5` or `video.height >= 720 and video.fps == 25`.
/// Grammar: or-expr of and-expr of `not`? comparisons of arithmetic (+ - * /) over numbers, fields
/// (`video.duration`...) and `abs`/`min`/`max`.
public indirect enum PolicyExpression: Sendable, Equatable {
    /// A number as written.
    case number(Double)
    /// A measured value, by its name in `fields` (`video.duration`).
    case field(String)
    /// A function applied to its arguments.
    case call(Function, [PolicyExpression])
    /// An operator applied to one operand.
    case unary(UnaryOperator, PolicyExpression)
    /// An operator applied to a left and a right operand.
    case binary(BinaryOperator, PolicyExpression, PolicyExpression)

    /// The functions a policy may call.
    public enum Function: String, Sendable, CaseIterable {
        /// `abs(x)`: absolute value; `min(a, b, ...)`, `max(a, b, ...)`: the lowest and highest argument.
        case abs, min, max
    }

    /// `-x` and `not x`.
    public enum UnaryOperator: String, Sendable {
        /// `negate`: `-x`; `not`: `not x` (1 when x is false, else 0).
        case negate = "-", not
    }

    /// Arithmetic, comparisons (`==` and `!=` within 1e-9) and logic, as written in a policy.
    public enum BinaryOperator: String, Sendable {
        /// Arithmetic: `+`, `-`, `*`, `/`.
        case add = "+", subtract = "-", multiply = "*", divide = "/"
        /// Comparisons: `<`, `<=`, `>`, `>=`, `==`, `!=`; 1 when they hold, else 0.
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="
        /// Logic: `and`, `or`, each 1 or 0 (a value is true when it is neither 0 nor NaN).
        case and, or

        /// The comparisons, longest spelling first (so `<=` is not read as `<`).
        static let comparisons: [BinaryOperator] = [.lessOrEqual, .greaterOrEqual, .equal, .notEqual, .less, .greater]
    }

    /// Every field an expression may name, with its unit.
    public static let fields: [String: String] = [
        "video.duration": "seconds", "video.width": "px", "video.height": "px", "video.fps": "frames/s",
        "video.bitrate": "bit/s", "video.size": "bytes", "video.rotation": "degrees clockwise",
        "audio.duration": "seconds", "audio.sample_rate": "Hz", "audio.channels": "count", "audio.bit_depth": "bits",
        "audio.size": "bytes", "audio.streams": "count", "output.duration": "seconds",
    ]

    /// Why an expression could not be parsed.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        /// What is wrong, quoting the expression.
        public var message: String
        /// The `message`.
        public var description: String { message }
    }

    /// Parses `text`; throws `ParseError` at an unknown field or function, or at a token out of place.
    public static func parse(_ text: String) throws -> PolicyExpression {
        var p = Parser(tokens: try tokenize(text))
        let e = try p.orExpr()
        guard p.atEnd else { throw ParseError(message: "unexpected '\(p.peek!)' in '\(text)'") }
        return e
    }

    /// Evaluates to a number (comparisons and logic give 1 or 0; nan counts as false); nil when a field
    /// has no value in this check.
    public func evaluate(_ lookup: (String) -> Double?) -> Double? {
        switch self {
        case .number(let x): return x
        case .field(let f): return lookup(f)
        case .unary(let op, let e):
            guard let v = e.evaluate(lookup) else { return nil }
            switch op {
            case .negate: return -v
            case .not: return PolicyExpression.truth(v) ? 0 : 1
            }
        case .call(let name, let args):
            let vals = args.map { $0.evaluate(lookup) }
            guard !vals.contains(where: { $0 == nil }) else { return nil }
            let v = vals.map { $0! }
            switch name {
            case .abs: return abs(v[0])
            case .min: return v.min()
            case .max: return v.max()
            }
        case .binary(let op, let a, let b):
            guard let x = a.evaluate(lookup), let y = b.evaluate(lookup) else { return nil }
            let truth = PolicyExpression.truth
            switch op {
            case .add: return x + y
            case .subtract: return x - y
            case .multiply: return x * y
            case .divide: return x / y   // IEEE: x/0 is ±inf (or nan), which fails a comparison rather than vanishing
            case .less: return x < y ? 1 : 0
            case .lessOrEqual: return x <= y ? 1 : 0
            case .greater: return x > y ? 1 : 0
            case .greaterOrEqual: return x >= y ? 1 : 0
            case .equal: return abs(x - y) < 1e-9 ? 1 : 0
            case .notEqual: return abs(x - y) >= 1e-9 ? 1 : 0
            case .and: return (truth(x) && truth(y)) ? 1 : 0
            case .or: return (truth(x) || truth(y)) ? 1 : 0
            }
        }
    }

    /// A value as a condition: non-zero and not nan.
    public static func truth(_ v: Double) -> Bool { v != 0 && !v.isNaN }

    /// Fields the expression reads.
    public var fieldsUsed: [String] {
        switch self {
        case .number: return []
        case .field(let f): return [f]
        case .unary(_, let e): return e.fieldsUsed
        case .call(_, let args): return args.flatMap(\.fieldsUsed)
        case .binary(_, let a, let b): return a.fieldsUsed + b.fieldsUsed
        }
    }

    private enum Token: Equatable, CustomStringConvertible {
        case number(Double), name(String), op(String)
        var description: String {
            switch self {
            case .number(let x): return String(x)
            case .name(let n): return n
            case .op(let o): return o
            }
        }
    }

    private static func tokenize(_ text: String) throws -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
                var j = i
                while j < chars.count, chars[j].isNumber || chars[j] == "." || chars[j] == "e"
                        || ((chars[j] == "-" || chars[j] == "+") && j > i && chars[j - 1] == "e") { j += 1 }
                guard let v = Double(String(chars[i..<j])) else { throw ParseError(message: "bad number '\(String(chars[i..<j]))'") }
                tokens.append(.number(v))
                i = j
            } else if c.isLetter || c == "_" {
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "." { j += 1 }
                tokens.append(.name(String(chars[i..<j])))
                i = j
            } else {
                let two = i + 1 < chars.count ? String(chars[i...i + 1]) : ""
                if ["<=", ">=", "==", "!=", "&&", "||"].contains(two) {
                    tokens.append(.op(two == "&&" ? "and" : two == "||" ? "or" : two))
                    i += 2
                } else if "+-*/<>(),!".contains(c) {
                    tokens.append(.op(c == "!" ? "not" : String(c)))
                    i += 1
                } else {
                    throw ParseError(message: "unexpected character '\(c)'")
                }
            }
        }
        return tokens
    }

    private struct Parser {
        var tokens: [Token]
        var pos = 0
        var atEnd: Bool { pos >= tokens.count }
        var peek: Token? { atEnd ? nil : tokens[pos] }
        mutating func take(_ t: Token) -> Bool {
            if peek == t { pos += 1; return true }
            return false
        }
        mutating func takeWord(_ w: String) -> Bool { take(.name(w)) || take(.op(w)) }

        mutating func orExpr() throws -> PolicyExpression {
            var e = try andExpr()
            while takeWord("or") { e = .binary(.or, e, try andExpr()) }
            return e
        }
        mutating func andExpr() throws -> PolicyExpression {
            var e = try notExpr()
            while takeWord("and") { e = .binary(.and, e, try notExpr()) }
            return e
        }
        mutating func notExpr() throws -> PolicyExpression {
            if takeWord("not") { return .unary(.not, try notExpr()) }
            return try comparison()
        }
        mutating func comparison() throws -> PolicyExpression {
            let e = try sum()
            for op in BinaryOperator.comparisons where take(.op(op.rawValue)) { return .binary(op, e, try sum()) }
            return e
        }
        mutating func sum() throws -> PolicyExpression {
            var e = try product()
            while true {
                if take(.op("+")) { e = .binary(.add, e, try product()) } else if take(.op("-")) { e = .binary(.subtract, e, try product()) } else { return e }
            }
        }
        mutating func product() throws -> PolicyExpression {
            var e = try unary()
            while true {
                if take(.op("*")) { e = .binary(.multiply, e, try unary()) } else if take(.op("/")) { e = .binary(.divide, e, try unary()) } else { return e }
            }
        }
        mutating func unary() throws -> PolicyExpression {
            if take(.op("-")) { return .unary(.negate, try unary()) }
            return try primary()
        }
        mutating func primary() throws -> PolicyExpression {
            guard let t = peek else { throw ParseError(message: "expression ends too early") }
            pos += 1
            switch t {
            case .number(let x): return .number(x)
            case .op("("):
                let e = try orExpr()
                guard take(.op(")")) else { throw ParseError(message: "missing ')'") }
                return e
            case .name(let n) where Function(rawValue: n) != nil:
                let function = Function(rawValue: n)!
                guard take(.op("(")) else { throw ParseError(message: "\(n) needs '('") }
                var args = [try orExpr()]
                while take(.op(",")) { args.append(try orExpr()) }
                guard take(.op(")")) else { throw ParseError(message: "missing ')' after \(n)(") }
                if function == .abs && args.count != 1 { throw ParseError(message: "abs takes one argument") }
                return .call(function, args)
            case .name(let n):
                guard PolicyExpression.fields[n] != nil else {
                    throw ParseError(message: "unknown field '\(n)' (known: \(PolicyExpression.fields.keys.sorted().joined(separator: ", ")))")
                }
                return .field(n)
            default:
                throw ParseError(message: "unexpected '\(t)'")
            }
        }
    }
}
