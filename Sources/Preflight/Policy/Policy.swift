import Foundation
import Yams

/// A team's overrides of a built-in profile, read from YAML (`--policy preflight.yml`; keys in docs/POLICY.md):
/// which profile, plan and model; thresholds; per-rule severity and on/off; and comparisons between the
/// inputs with tolerances. Every unknown key, rule id, threshold or bad value is an error naming its line.
public struct Policy: Sendable {
    /// A policy's change to one rule; a nil field leaves the profile's setting.
    public struct RuleOverride: Sendable, Equatable {
        /// `false` turns the rule off, `true` back on.
        public var enabled: Bool?
        /// The severity the rule's findings get instead of their own.
        public var severity: Severity?
    }

    /// A stated expectation about the inputs; a finding with `id` when it does not hold.
    public struct Constraint: Sendable, Equatable {
        /// The rule id of the finding it makes (`id:`).
        public var id: String
        /// The expression as written in the policy (`expect:`).
        public var expectation: String
        /// The expression, parsed.
        public var expression: PolicyExpression
        /// The severity of the finding (`severity:`, default error).
        public var severity: Severity
        /// The finding's message (`message:`); nil: "policy expects" and the expression.
        public var message: String?
        /// The constraint's line in the policy file.
        public var line: Int
    }

    /// The built-in profile to start from (`profile:`); nil: the default, or `--profile`.
    public var profile: String?
    /// The plan to check against (`plan:`); `--plan` wins.
    public var plan: Plan?
    /// The lipsync model to check for (`model:`); `--model` wins.
    public var model: LipsyncModel?
    /// Threshold values by the names the file spells (`video.minSide`); `apply(to:path:)` turns them into
    /// `ThresholdKey`s, rejecting (with the line) a name that is not one the profile defines.
    public var thresholds: [String: Double] = [:]
    /// Per-rule overrides, by rule id (`rules:`).
    public var rules: [String: RuleOverride] = [:]
    /// Comparisons between the inputs (`constraints:`), in file order.
    public var constraints: [Constraint] = []
    /// Line of each threshold and rule key, so errors found when applying still point at the file.
    var lines: [String: Int] = [:]

    /// An empty policy: changes nothing.
    public init() {}

    /// Why a policy file could not be read or applied; names the line.
    public struct LoadError: Error, Equatable, CustomStringConvertible {
        /// The policy file's path (or `--profile`, for an unknown profile name).
        public var path: String
        /// The line at fault, from 1; nil when the whole file is (missing, not UTF-8, not YAML).
        public var line: Int?
        /// What is wrong and how to fix it.
        public var message: String
        /// `path:line: message`, as compilers print it.
        public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(message)" }
    }

    /// Reads and parses the policy file at `path`; throws `LoadError`.
    public static func load(path: String) throws -> Policy {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(path: path, line: nil, message: FileManager.default.fileExists(atPath: path) ? "cannot read the policy file" : "no such policy file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw LoadError(path: path, line: nil, message: "the policy file is not UTF-8 text") }
        return try parse(text, path: path)
    }

    /// Parses a policy from YAML text; `path` names it in errors. Throws `LoadError` at the first wrong key or value.
    public static func parse(_ yaml: String, path: String = "policy") throws -> Policy {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let e as YamlError {
            throw LoadError(path: path, line: yamlLine(e), message: "not valid YAML: \(yamlMessage(e))")
        } catch {
            throw LoadError(path: path, line: nil, message: "not valid YAML: \(error)")
        }
        var policy = Policy()
        guard let root else { return policy }
        func fail(_ node: Node?, _ message: String) -> LoadError {
            LoadError(path: path, line: node?.mark.map { $0.line }, message: message)
        }
        guard case .mapping(let top) = root else { throw fail(root, "the policy must be a mapping of keys (profile, plan, model, thresholds, rules, constraints)") }
        for (keyNode, value) in top {
            guard let key = keyNode.string else { throw fail(keyNode, "keys must be text") }
            switch key {
            case "profile":
                guard let name = value.string, Profile.named(name) != nil else {
                    throw fail(value, "unknown profile '\(value.string ?? "?")' (known: \(Profile.builtIn.map(\.name).joined(separator: ", ")))")
                }
                policy.profile = name
            case "plan":
                guard let s = value.string, let plan = Plan(rawValue: s) else {
                    throw fail(value, "unknown plan '\(value.string ?? "?")' (known: \(Plan.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                policy.plan = plan
            case "model":
                guard let s = value.string, let model = LipsyncModel(rawValue: s) else {
                    throw fail(value, "unknown model '\(value.string ?? "?")' (known: \(LipsyncModel.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                policy.model = model
            case "thresholds":
                guard case .mapping(let m) = value else { throw fail(value, "thresholds must map names to numbers") }
                for (k, v) in m {
                    guard let name = k.string else { throw fail(k, "threshold names must be text") }
                    guard case .scalar = v, let number = v.float ?? v.int.map(Double.init) else {
                        throw fail(v, "threshold \(name) must be a number")
                    }
                    policy.thresholds[name] = number
                    policy.lines["threshold:" + name] = k.mark?.line
                }
            case "rules":
                guard case .mapping(let m) = value else { throw fail(value, "rules must map rule ids to settings") }
                for (k, v) in m {
                    guard let id = k.string else { throw fail(k, "rule ids must be text") }
                    policy.rules[id] = try parseOverride(v, id: id, fail: fail)
                    policy.lines["rule:" + id] = k.mark?.line
                }
            case "constraints":
                guard case .sequence(let items) = value else { throw fail(value, "constraints must be a list") }
                for item in items { policy.constraints.append(try parseConstraint(item, fail: fail)) }
            default:
                throw fail(keyNode, "unknown key '\(key)' (known: profile, plan, model, thresholds, rules, constraints)")
            }
        }
        return policy
    }

    static func parseOverride(_ v: Node, id: String, fail: (Node?, String) -> LoadError) throws -> RuleOverride {
        if case .scalar = v {
            if let s = v.string, ["off", "false", "disabled"].contains(s.lowercased()) { return RuleOverride(enabled: false) }
            if let s = v.string, ["on", "true", "enabled"].contains(s.lowercased()) { return RuleOverride(enabled: true) }
            if let s = v.string, let sev = Severity(rawValue: s) { return RuleOverride(enabled: nil, severity: sev) }
            throw fail(v, "rule \(id): expected off, on, a severity (error, warning, info) or {enabled, severity}")
        }
        guard case .mapping(let m) = v else { throw fail(v, "rule \(id): expected a mapping {enabled, severity}") }
        var o = RuleOverride()
        for (k, val) in m {
            switch k.string {
            case "enabled":
                guard let b = val.bool else { throw fail(val, "rule \(id): enabled must be true or false") }
                o.enabled = b
            case "severity":
                guard let s = val.string, let sev = Severity(rawValue: s) else { throw fail(val, "rule \(id): severity must be error, warning or info") }
                o.severity = sev
            default:
                throw fail(k, "rule \(id): unknown key '\(k.string ?? "?")' (known: enabled, severity)")
            }
        }
        return o
    }

    static func parseConstraint(_ item: Node, fail: (Node?, String) -> LoadError) throws -> Constraint {
        guard case .mapping(let m) = item else { throw fail(item, "each constraint is a mapping {id, expect, severity, message}") }
        var id: String?, expect: String?, severity = Severity.error, message: String?
        var expectNode: Node?
        for (k, v) in m {
            switch k.string {
            case "id": id = v.string
            case "expect": expect = v.string; expectNode = v
            case "severity":
                guard let s = v.string, let sev = Severity(rawValue: s) else { throw fail(v, "severity must be error, warning or info") }
                severity = sev
            case "message": message = v.string
            default: throw fail(k, "unknown constraint key '\(k.string ?? "?")' (known: id, expect, severity, message)")
            }
        }
        guard let id, !id.isEmpty else { throw fail(item, "a constraint needs an id") }
        guard let expect else { throw fail(item, "constraint \(id) needs an 'expect' expression") }
        do {
            let e = try PolicyExpression.parse(expect)
            return Constraint(id: id, expectation: expect, expression: e, severity: severity, message: message, line: item.mark?.line ?? 0)
        } catch let e as PolicyExpression.ParseError {
            throw fail(expectNode, "constraint \(id): \(e.message)")
        }
    }

    static func yamlLine(_ e: YamlError) -> Int? {
        switch e {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default:
            return nil
        }
    }

    /// Yams' messages quote the offending lines; one line is enough next to the line number.
    static func yamlMessage(_ e: YamlError) -> String {
        switch e {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicated key(s): " + duplicates.sorted().joined(separator: ", ")
        default:
            return "\(e)".split(separator: "\n").first.map(String.init) ?? "\(e)"
        }
    }

    /// The profile this policy selects, with its thresholds and rule overrides applied.
    public func apply(to base: Profile, path: String = "policy") throws -> Profile {
        var profile = base
        for (name, value) in thresholds.sorted(by: { $0.key < $1.key }) {
            guard let key = ThresholdKey(rawValue: name), profile.thresholds.set(key, value) || key == .planMaxOutputSeconds else {
                throw LoadError(path: path, line: lines["threshold:" + name],
                                message: "unknown threshold '\(name)' for profile \(base.name) (known: \(base.thresholds.names.joined(separator: ", ")))")
            }
            if key == .planMaxOutputSeconds { profile.thresholds.add(key, value) }
        }
        for c in constraints where profile.definition(c.id) != nil {
            throw LoadError(path: path, line: c.line, message: "constraint id '\(c.id)' is a rule id of profile \(base.name); give the constraint its own id")
        }
        // The check's rules and verify's Q-* rules share one namespace of ids and one way of being changed.
        for (id, o) in rules.sorted(by: { $0.key < $1.key }) {
            if let i = profile.definitions.firstIndex(where: { $0.rule.id == id }) {
                profile.definitions[i].apply(o)
            } else if let i = profile.outputDefinitions.firstIndex(where: { $0.rule.id == id }) {
                profile.outputDefinitions[i].apply(o)
            } else {
                throw LoadError(path: path, line: lines["rule:" + id], message: "unknown rule id '\(id)' in profile \(base.name) (see `preflight rules`)")
            }
        }
        return profile
    }
}

extension RuleDefinition {
    /// A policy's setting for this rule: on or off, and the severity that replaces the rule's and its hits' own.
    mutating func apply(_ override: Policy.RuleOverride) {
        if let e = override.enabled { rule.enabledByDefault = e }
        if let s = override.severity { severityOverride = s }
    }
}
