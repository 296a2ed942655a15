import Foundation
import Testing
@testable import RexKit

/// An incident's words in the search data come from the parses that make its page's HTML (`IncidentHTML`): the words
/// of its id, synopsis, narrative, analysis, lessons and the source's quoted texts, each as `Markdown.plainText` reads
/// it alone, one space apart (an absent text leaves its place empty).
@Suite("Search text")
struct SearchTextTests {
    @Test(arguments: everyHandbookFolder)
    func anIncidentsSearchTextIsTheWordsOfEachOfItsTexts(handbook folder: String) throws {
        let handbook = try HandbookLoader.load(root: repositoryRoot.appending(path: folder)).handbook
        #expect(!handbook.incidents.isEmpty)
        for incident in handbook.incidents {
            let texts = [incident.id.value, incident.synopsis, incident.narrative ?? "", incident.analysis ?? "",
                         incident.lessons ?? ""] + (incident.quoted?.texts ?? [])
            #expect(IncidentHTML(incident).searchText == texts.map(Markdown.plainText).joined(separator: " "),
                    "\(folder): \(incident.id.value)")
        }
    }

    /// The department's own record (`rex-2020-03`) quotes its source: narrative, actions and recommendations.
    @Test func theShippedRecordsQuotedTextsAreSearched() throws {
        let handbook = try HandbookLoader.load(root: repositoryRoot).handbook
        let incident = try #require(handbook.incidents.first { $0.quoted?.actions.isEmpty == false })
        let text = IncidentHTML(incident).searchText
        for quoted in try #require(incident.quoted).texts {
            #expect(text.contains(Markdown.plainText(quoted)))
        }
    }
}
