import Foundation
import Yams

/// How Rex read YAML before the one-pass reader, kept as the judge of every unusual input (syntax errors,
/// anchors, too deep, repeated keys, several documents, an empty file): a pass over libyaml's events looks
/// for hazards, then Yams composes the node tree and its errors are turned into located diagnostics.
enum YAMLReferenceReader {
    static func compose(_ text: String, data: Data, file: SourceFile) -> YAMLNode? {
        if let hazard = YAMLPrescan.hazard(in: data) {
            report(hazard, file: file)
            return nil
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            YAMLSyntaxReport(text: text, file: file).report(error)
            return nil
        } catch {
            file.error("cannot read YAML: \(error)", at: file.location(nil), rule: "yaml-syntax")
            return nil
        }
        guard let node = node.map(converted), !isNull(node) else {
            file.error("file is empty", at: file.location(nil), rule: "empty-file")
            return nil
        }
        return node
    }

    /// Yams's node as Rex's (the prescan refused aliases, so none is left).
    private static func converted(_ node: Node) -> YAMLNode {
        let content: YAMLNode.Content = switch node {
        case .scalar(let scalar): .scalar(scalar.string, plain: scalar.style == .plain)
        case .sequence(let sequence): .sequence(sequence.map(converted))
        case .mapping(let mapping): .mapping(mapping.map { YAMLPair(key: converted($0.key), value: converted($0.value)) })
        case .alias: .scalar("", plain: false)
        }
        return YAMLNode(content: content, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    private static func report(_ hazard: YAMLHazard, file: SourceFile) {
        switch hazard {
        case .tooDeep(let line, let column):
            file.error("nesting deeper than \(LoadLimits.maxNesting) levels",
                       at: file.location(line: line, column: column), rule: "too-deep")
        case .anchor(let name, let isAlias, let line, let column):
            let written = isAlias ? "alias '*\(name)'" : "anchor '&\(name)'"
            file.error("\(written): YAML anchors and aliases are not allowed in a handbook file; write the value out",
                       at: file.location(line: line, column: column), rule: "yaml-anchor")
        }
    }
}
