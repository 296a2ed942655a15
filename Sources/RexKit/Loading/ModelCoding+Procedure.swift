// A procedure and its parts as bytes (`ModelBytes`): written field by field in declaration order, read back
// through the memberwise initializers.

extension Procedure: ModelCoding {
    func write(to writer: inout ModelWriter) {
        writer.located(id) { $0.string($1) }
        writer.string(title)
        writer.raw(kind)
        writer.string(language)
        writer.int(version)
        writer.location(versionLocation)
        writer.optional(translationOf) { $0.located($1) { $0.string($1) } }
        writer.located(status) { $0.raw($1) }
        writer.string(owner)
        writer.optional(approvedBy) { $0.string($1) }
        writer.optional(effective) { $0.located($1) { $0.value($1) } }
        writer.optional(reviewBy) { $0.located($1) { $0.value($1) } }
        writer.string(when)
        writer.optional(objective) { $0.string($1) }
        writer.array(roles) { $0.value($1) }
        writer.array(contacts) { $0.value($1) }
        writer.array(incidents) { $0.located($1) { $0.string($1) } }
        writer.array(logs) { $0.value($1) }
        writer.array(sections) { $0.value($1) }
        writer.optional(closing) { $0.located($1) { $0.raw($1) } }
        writer.string(revision)
        writer.string(digest)
        writer.string(path)
    }

    init(from reader: inout ModelReader) throws {
        self.init(id: try reader.located { try $0.string() }, title: try reader.string(), kind: try reader.raw(),
                  language: try reader.string(), version: try reader.int(), versionLocation: try reader.location(),
                  translationOf: try reader.optional { try $0.located { try $0.string() } },
                  status: try reader.located { try $0.raw() }, owner: try reader.string(),
                  approvedBy: try reader.optional { try $0.string() },
                  effective: try reader.optional { try $0.located { try $0.value() } },
                  reviewBy: try reader.optional { try $0.located { try $0.value() } },
                  when: try reader.string(), objective: try reader.optional { try $0.string() },
                  roles: try reader.array { try $0.value() }, contacts: try reader.array { try $0.value() },
                  incidents: try reader.array { try $0.located { try $0.string() } },
                  logs: try reader.array { try $0.value() }, sections: try reader.array { try $0.value() },
                  closing: try reader.optional { try $0.located { try $0.raw() } },
                  revision: try reader.string(), digest: try reader.string(), path: try reader.string())
    }
}

extension Role: ModelCoding {
    func write(to writer: inout ModelWriter) {
        writer.located(id) { $0.string($1) }
        writer.string(title)
    }

    init(from reader: inout ModelReader) throws {
        self.init(id: try reader.located { try $0.string() }, title: try reader.string())
    }
}

extension Contact: ModelCoding {
    func write(to writer: inout ModelWriter) {
        writer.optional(role) { $0.located($1) { $0.string($1) } }
        writer.string(name)
        writer.optional(phone) { $0.string($1) }
        writer.optional(note) { $0.string($1) }
        writer.location(location)
    }

    init(from reader: inout ModelReader) throws {
        self.init(role: try reader.optional { try $0.located { try $0.string() } }, name: try reader.string(),
                  phone: try reader.optional { try $0.string() }, note: try reader.optional { try $0.string() },
                  location: try reader.location())
    }
}

extension Section: ModelCoding {
    func write(to writer: inout ModelWriter) {
        writer.string(title)
        writer.raw(mode)
        writer.array(steps) { $0.value($1) }
        writer.location(location)
    }

    init(from reader: inout ModelReader) throws {
        self.init(title: try reader.string(), mode: try reader.raw(), steps: try reader.array { try $0.value() },
                  location: try reader.location())
    }
}

extension Step: ModelCoding {
    func write(to writer: inout ModelWriter) {
        let fields = fields
        writer.located(fields.id) { $0.string($1) }
        writer.optional(fields.role) { $0.located($1) { $0.string($1) } }
        writer.optional(fields.action) { $0.string($1) }
        writer.optional(fields.expect) { $0.string($1) }
        writer.optional(fields.question) { $0.string($1) }
        writer.array(fields.choices) { $0.value($1) }
        writer.optional(fields.goto) { $0.located($1) { $0.target($1) } }
        writer.array(fields.record) { $0.value($1) }
        writer.optional(fields.log) { $0.located($1) { $0.string($1) } }
        writer.bool(fields.doubleCheck)
        writer.optional(fields.requiresReconciled) { $0.located($1) { $0.string($1) } }
        writer.optional(fields.warning) { $0.string($1) }
        writer.optional(fields.caution) { $0.string($1) }
        writer.optional(fields.note) { $0.string($1) }
        writer.array(fields.because) { $0.located($1) { $0.string($1) } }
        writer.location(fields.location)
    }

    init(from reader: inout ModelReader) throws {
        self.init(Fields(
            id: try reader.located { try $0.string() }, role: try reader.optional { try $0.located { try $0.string() } },
            action: try reader.optional { try $0.string() }, expect: try reader.optional { try $0.string() },
            question: try reader.optional { try $0.string() }, choices: try reader.array { try $0.value() },
            goto: try reader.optional { try $0.located { try $0.target() } }, record: try reader.array { try $0.value() },
            log: try reader.optional { try $0.located { try $0.string() } }, doubleCheck: try reader.bool(),
            requiresReconciled: try reader.optional { try $0.located { try $0.string() } },
            warning: try reader.optional { try $0.string() }, caution: try reader.optional { try $0.string() },
            note: try reader.optional { try $0.string() },
            because: try reader.array { try $0.located { try $0.string() } }, location: try reader.location()))
    }
}

extension Choice: ModelCoding {
    func write(to writer: inout ModelWriter) {
        writer.string(answer)
        writer.optional(goto) { $0.located($1) { $0.target($1) } }
        writer.location(location)
    }

    init(from reader: inout ModelReader) throws {
        self.init(answer: try reader.string(), goto: try reader.optional { try $0.located { try $0.target() } },
                  location: try reader.location())
    }
}

extension Field: ModelCoding {
    func write(to writer: inout ModelWriter) {
        writer.located(id) { $0.string($1) }
        writer.string(label)
        writer.located(type) { $0.raw($1) }
        writer.bool(required)
        writer.optional(mustMatch) { $0.located($1) { $0.string($1) } }
        writer.optional(tolerance) { $0.located($1) { $0.value($1) } }
        writer.optional(distinctFrom) { $0.located($1) { $0.string($1) } }
        writer.optional(min) { $0.located($1) { $0.double($1) } }
        writer.optional(max) { $0.located($1) { $0.double($1) } }
        writer.optional(options) { $0.located($1) { $0.array($1) { $0.string($1) } } }
        writer.optional(unit) { $0.string($1) }
        writer.optional(counter) { $0.located($1) { $0.bool($1) } }
        writer.location(location)
    }

    init(from reader: inout ModelReader) throws {
        self.init(id: try reader.located { try $0.string() }, label: try reader.string(),
                  type: try reader.located { try $0.raw() }, required: try reader.bool(),
                  mustMatch: try reader.optional { try $0.located { try $0.string() } },
                  tolerance: try reader.optional { try $0.located { try $0.value() } },
                  distinctFrom: try reader.optional { try $0.located { try $0.string() } },
                  min: try reader.optional { try $0.located { try $0.double() } },
                  max: try reader.optional { try $0.located { try $0.double() } },
                  options: try reader.optional { try $0.located { try $0.array { try $0.string() } } },
                  unit: try reader.optional { try $0.string() },
                  counter: try reader.optional { try $0.located { try $0.bool() } }, location: try reader.location())
    }
}

extension Tolerance: ModelCoding {
    func write(to writer: inout ModelWriter) {
        writer.raw(kind)
        writer.double(value)
        writer.string(text)
    }

    init(from reader: inout ModelReader) throws {
        self.init(kind: try reader.raw(), value: try reader.double(), text: try reader.string())
    }
}

extension DowntimeLog: ModelCoding {
    func write(to writer: inout ModelWriter) {
        writer.located(id) { $0.string($1) }
        writer.string(title)
        writer.array(columns) { $0.value($1) }
        writer.array(reconcile) { $0.value($1) }
        writer.int(paperRows)
    }

    init(from reader: inout ModelReader) throws {
        self.init(id: try reader.located { try $0.string() }, title: try reader.string(),
                  columns: try reader.array { try $0.value() }, reconcile: try reader.array { try $0.value() },
                  paperRows: try reader.int())
    }
}

extension ModelWriter {
    mutating func target(_ target: StepTarget) { string(target.description) }
}

extension ModelReader {
    mutating func target() throws -> StepTarget { StepTarget(try string()) }
}
