// A REX record and its parts, dates and diagnostics as bytes (`ModelBytes`): written field by field in declaration
// order, read back through the memberwise initializers.

extension Incident: ModelCoding {
    func write(to writer: inout ModelWriter) {
        writer.located(id) { $0.string($1) }
        writer.string(title)
        writer.string(language)
        writer.located(origin) { $0.raw($1) }
        writer.optional(source) { $0.string($1) }
        writer.optional(quoted) { $0.value($1) }
        writer.raw(eventClass)
        writer.located(occurred) { $0.value($1) }
        writer.bool(occurredApproximate)
        writer.optional(detected) { $0.located($1) { $0.value($1) } }
        writer.bool(detectedApproximate)
        writer.array(systems) { $0.string($1) }
        writer.optional(patientsAffected) { $0.int($1) }
        writer.optional(severity) { $0.value($1) }
        writer.located(status) { $0.raw($1) }
        writer.string(synopsis)
        writer.optional(narrative) { $0.string($1) }
        writer.array(timeline) { $0.value($1) }
        writer.optional(analysis) { $0.string($1) }
        writer.array(causes) { $0.value($1) }
        writer.array(actions) { $0.value($1) }
        writer.optional(recommendations) { $0.string($1) }
        writer.optional(lessons) { $0.string($1) }
        writer.array(followed) { $0.located($1) { $0.string($1) } }
        writer.string(revision)
        writer.string(digest)
        writer.string(path)
    }

    init(from reader: inout ModelReader) throws {
        self.init(id: try reader.located { try $0.string() }, title: try reader.string(), language: try reader.string(),
                  origin: try reader.located { try $0.raw() }, source: try reader.optional { try $0.string() },
                  quoted: try reader.optional { try $0.value() }, eventClass: try reader.raw(),
                  occurred: try reader.located { try $0.value() }, occurredApproximate: try reader.bool(),
                  detected: try reader.optional { try $0.located { try $0.value() } },
                  detectedApproximate: try reader.bool(), systems: try reader.array { try $0.string() },
                  patientsAffected: try reader.optional { try $0.int() }, severity: try reader.optional { try $0.value() },
                  status: try reader.located { try $0.raw() }, synopsis: try reader.string(),
                  narrative: try reader.optional { try $0.string() }, timeline: try reader.array { try $0.value() },
                  analysis: try reader.optional { try $0.string() }, causes: try reader.array { try $0.value() },
                  actions: try reader.array { try $0.value() }, recommendations: try reader.optional { try $0.string() },
                  lessons: try reader.optional { try $0.string() },
                  followed: try reader.array { try $0.located { try $0.string() } },
                  revision: try reader.string(), digest: try reader.string(), path: try reader.string())
    }
}

extension QuotedSource: ModelCoding {
    func write(to writer: inout ModelWriter) {
        writer.optional(narrative) { $0.string($1) }
        writer.array(actions) { $0.string($1) }
        writer.optional(recommendations) { $0.string($1) }
        writer.location(location)
    }

    init(from reader: inout ModelReader) throws {
        self.init(narrative: try reader.optional { try $0.string() }, actions: try reader.array { try $0.string() },
                  recommendations: try reader.optional { try $0.string() }, location: try reader.location())
    }
}

extension SeverityRating: ModelCoding {
    func write(to writer: inout ModelWriter) {
        writer.located(scale) { $0.string($1) }
        writer.located(level) { $0.string($1) }
        writer.bool(provisional)
        writer.raw(ratedBy)
        writer.optional(note) { $0.string($1) }
    }

    init(from reader: inout ModelReader) throws {
        self.init(scale: try reader.located { try $0.string() }, level: try reader.located { try $0.string() },
                  provisional: try reader.bool(), ratedBy: try reader.raw(), note: try reader.optional { try $0.string() })
    }
}

extension TimelineEntry: ModelCoding {
    func write(to writer: inout ModelWriter) {
        writer.value(at)
        writer.string(event)
        writer.bool(approximate)
        writer.location(location)
    }

    init(from reader: inout ModelReader) throws {
        self.init(at: try reader.value(), event: try reader.string(), approximate: try reader.bool(),
                  location: try reader.location())
    }
}

extension Cause: ModelCoding {
    func write(to writer: inout ModelWriter) {
        writer.raw(category)
        writer.string(text)
        writer.bool(contributing)
    }

    init(from reader: inout ModelReader) throws {
        self.init(category: try reader.raw(), text: try reader.string(), contributing: try reader.bool())
    }
}

extension CorrectiveAction: ModelCoding {
    func write(to writer: inout ModelWriter) {
        writer.string(text)
        writer.optional(owner) { $0.string($1) }
        writer.optional(due) { $0.located($1) { $0.value($1) } }
        writer.raw(status)
        writer.optional(procedure) { $0.located($1) { $0.string($1) } }
        writer.location(location)
    }

    init(from reader: inout ModelReader) throws {
        self.init(text: try reader.string(), owner: try reader.optional { try $0.string() },
                  due: try reader.optional { try $0.located { try $0.value() } }, status: try reader.raw(),
                  procedure: try reader.optional { try $0.located { try $0.string() } }, location: try reader.location())
    }
}

extension LocalDate: ModelCoding {
    func write(to writer: inout ModelWriter) {
        writer.int(year)
        writer.int(month)
        writer.int(day)
    }

    init(from reader: inout ModelReader) throws {
        guard let date = LocalDate(year: try reader.int(), month: try reader.int(), day: try reader.int()) else {
            throw ModelReader.Malformed()
        }
        self = date
    }
}

extension LocalDateTime: ModelCoding {
    func write(to writer: inout ModelWriter) {
        writer.value(date)
        writer.optional(minuteOfDay) { $0.int($1) }
    }

    init(from reader: inout ModelReader) throws {
        self.init(date: try reader.value())
        minuteOfDay = try reader.optional { try $0.int() }
    }
}

extension Diagnostic: ModelCoding {
    func write(to writer: inout ModelWriter) {
        writer.location(location)
        writer.raw(severity)
        writer.string(message)
        writer.string(rule)
        writer.optional(suggestion) { $0.string($1) }
    }

    init(from reader: inout ModelReader) throws {
        let location = try reader.location(), severity: Severity = try reader.raw()
        self.init(severity, try reader.string(), at: location, rule: try reader.string(),
                  suggestion: try reader.optional { try $0.string() })
    }
}
