/// The runner's model written without `JSONEncoder` (`JSONText`): each type writes its members in the encoder's order,
/// so that a page's model is the bytes `JSONEncoder` with `.sortedKeys` gives (`JSONTextTests` hold the two to the
/// same bytes, and every stored property to being written).
extension RunnerModel: JSONObject {
    func writeMembers(to json: inout JSONText) {
        json.member("closing", closing)
        json.member("handbook", handbook)
        json.member("language", language)
        json.member("languageVersions", languageVersions)
        json.member("logs", logs)
        json.member("procedure", procedure)
        json.member("revision", revision)
        json.member("steps", steps)
        json.member("title", title)
        json.member("units", units)
        json.member("version", version)
    }
}

extension RunnerModel.StepModel: JSONObject {
    func writeMembers(to json: inout JSONText) {
        json.member("choices", choices)
        json.member("doubleCheck", doubleCheck)
        json.member("fields", fields)
        json.member("id", id)
        json.member("log", log)
        json.member("next", next)
        json.member("number", number)
        json.member("requiresReconciled", requiresReconciled)
        json.member("role", role)
        json.member("title", title)
    }
}

extension RunnerModel.ChoiceModel: JSONObject {
    func writeMembers(to json: inout JSONText) {
        json.member("answer", answer)
        json.member("goto", goto)
    }
}

extension RunnerModel.FieldModel: JSONObject {
    func writeMembers(to json: inout JSONText) {
        json.member("counter", counter)
        json.member("distinctFrom", distinctFrom)
        json.member("id", id)
        json.member("label", label)
        json.member("max", max)
        json.member("min", min)
        json.member("mustMatch", mustMatch)
        json.member("options", options)
        json.member("required", required)
        json.member("tolerance", tolerance)
        json.member("toleranceText", toleranceText)
        json.member("type", type)
        json.member("unit", unit)
    }
}

extension RunnerModel.LogModel: JSONObject {
    func writeMembers(to json: inout JSONText) {
        json.member("columns", columns)
        json.member("counter", counter)
        json.member("id", id)
        json.member("patient", patient)
        json.member("reconcile", reconcile)
        json.member("title", title)
    }
}

extension RunnerModel.UnitModel: JSONObject {
    func writeMembers(to json: inout JSONText) {
        json.member("id", id)
        json.member("name", name)
    }
}
