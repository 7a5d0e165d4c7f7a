import CLibXML2
import DossierModel

/// What a file offers to make an article of: its metadata, each found or not, and its paragraphs.
public struct ArticleDraft: Sendable, Equatable {
    public var file: String
    public var title: String?
    public var publisher: String?
    public var published: String?
    public var url: String?
    public var authors: [String] = []
    public var paragraphs: [String] = []
    /// Why the page could not be read whole (not UTF-8 and no charset declared, nested too deep): an
    /// error the import says, instead of reading it wrongly or in part without a word.
    public var unreadable: String?
    /// What kind of file it was read as: the words for what it lacks are that kind's (issue 32: a text
    /// file was told it had no og:title).
    public var kind: Kind = .webPage

    public enum Kind: Sendable, Equatable {
        case webPage, markdown, text
    }

    public init(file: String, kind: Kind = .webPage) {
        self.file = file
        self.kind = kind
    }

    /// Where a file of this kind keeps its title, publisher and date, for a message saying one is missing.
    var whereTitle: String {
        switch kind {
        case .webPage: return "og:title, JSON-LD headline, <title> or front-matter title"
        case .markdown: return "front-matter title or first `# ` heading"
        case .text: return "front-matter title or title line (a first line standing alone)"
        }
    }

    var wherePublisher: String {
        kind == .webPage ? "og:site_name, JSON-LD publisher or front-matter publisher" : "front-matter publisher"
    }

    var whereDate: String {
        kind == .webPage ? "article:published_time, JSON-LD datePublished or front-matter date" : "front-matter date"
    }
}

/// A web page read with libxml2's HTML parser (forgiving, as browsers are): the article's paragraphs
/// without the page's furniture, and its metadata from the tags publishers write for search engines
/// and social sites (`<title>`, Open Graph, `article:published_time`, JSON-LD `NewsArticle`).
public enum WebPage {
    /// Elements whose text is never the article's: scripts and styles, navigation, page headers and
    /// footers, forms and their controls, asides, embedded media and figures (captions of pictures and
    /// videos are the page's, not the story's).
    static let dropped: Set<String> = ["script", "style", "noscript", "template", "nav", "header", "footer", "form", "aside",
                                       "iframe", "svg", "canvas", "button", "select", "input", "textarea", "label", "menu",
                                       "dialog", "figure", "object", "embed", "video", "audio", "picture", "head"]
    /// ARIA landmarks of the same furniture.
    static let droppedRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert"]
    /// Class or id words publishers give advertising, newsletter sign-ups, sharing buttons, bylines and
    /// the like (the byline's names are the page's metadata; its text is not the story's).
    static let furnitureWords = ["advert", "ad-slot", "adslot", "ad-container", "newsletter", "subscribe", "social", "share",
                                 "related", "promo", "sponsor", "cookie", "popup", "modal", "paywall", "comments", "byline",
                                 "dateline", "caption", "credit", "breadcrumb"]
    /// Elements whose text is a paragraph of the article.
    static let blocks: Set<String> = ["p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dd", "dt"]

    public static func read(_ bytes: [UInt8], file: String) -> ArticleDraft {
        var draft = ArticleDraft(file: file)
        guard !bytes.isEmpty else { return draft }
        // A page that is valid UTF-8 is read as UTF-8 (libxml2 would take one without a charset for
        // Latin-1); any other is left to the charset the page declares.
        let encoding: String? = String(validating: bytes, as: UTF8.self) != nil ? "UTF-8" : nil
        // Not UTF-8, and no charset said: libxml2 would read it as Latin-1 without a word, and a page in
        // another encoding would come out garbled. Refused, with where its first non-UTF-8 byte is.
        if encoding == nil, !declaresCharset(bytes) {
            draft.unreadable = "not UTF-8 (the first byte that is not is at offset \(firstNonUTF8(bytes))) and the page declares no charset: "
                + "save it as UTF-8, or add <meta charset=\"…\"> naming its encoding"
            return draft
        }
        // Blank text nodes are kept: the space between two inline elements ("<em>a</em> <em>b</em>")
        // is a word break the text needs. libxml2's nesting limit (256 levels) stays: it also bounds the
        // recursion of the walks below (without it, a page of 20,000 nested elements overflowed the stack).
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue)
        guard let context = htmlNewParserCtxt() else { return draft }
        defer { htmlFreeParserCtxt(context) }
        let document: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                htmlCtxtReadMemory(context, pointer, Int32(clamping: buffer.count), file, encoding, options)
            }
        }
        // Nested past the limit, the parser stops there: what follows would be lost without a word.
        if let error = xmlCtxtGetLastError(context), let message = error.pointee.message,
           String(cString: message).contains("Excessive depth") {
            draft.unreadable = "the page nests its elements more than 256 levels deep (libxml2's limit, which HTML parsers keep); "
                + "its text past that depth cannot be read"
        }
        guard let document else { return draft }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return draft }

        var metadata = Metadata()
        collectMetadata(root, into: &metadata)
        draft.title = metadata.title
        draft.publisher = metadata.publisher
        draft.published = metadata.published
        draft.url = metadata.url
        draft.authors = metadata.authors

        // The story is in <article> when the page has one, else <main>, else the body.
        let content = first(named: "article", in: root) ?? first(named: "main", in: root) ?? first(named: "body", in: root) ?? root
        var paragraphs: [String] = []
        collectParagraphs(content, into: &paragraphs)
        // The headline repeated at the top of the story is the title, not a paragraph.
        if let title = draft.title, paragraphs.first == title { paragraphs.removeFirst() }
        draft.paragraphs = paragraphs
        return draft
    }

    /// Whether the page says its encoding (`<meta charset=…>`, an http-equiv Content-Type, an XML
    /// declaration): looked for in its first 4 KB, as browsers look.
    static func declaresCharset(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        return head.contains("charset") || head.contains("encoding=")
    }

    /// The offset of the first byte that does not begin or continue a UTF-8 character.
    static func firstNonUTF8(_ bytes: [UInt8]) -> Int {
        var offset = 0
        while offset < bytes.count {
            let lead = bytes[offset]
            let length = lead < 0x80 ? 1 : lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 0
            guard length > 0, offset + length <= bytes.count,
                  bytes[(offset + 1)..<(offset + length)].allSatisfy({ $0 & 0xC0 == 0x80 }),
                  String(validating: bytes[offset..<(offset + length)], as: UTF8.self) != nil else { return offset }
            offset += length
        }
        return offset
    }

    // MARK: Metadata

    struct Metadata {
        var titleTag: String?
        var openGraph: [String: String] = [:]
        var named: [String: String] = [:]
        var canonical: String?
        var firstHeading: String?
        var jsonLD: [JSONValue] = []
        var authorTags: [String] = []

        var ld: [(String, JSONValue)] {
            // The NewsArticle (or Article, BlogPosting…) object, wherever the page put it (an @graph too).
            var objects: [JSONValue] = []
            func visit(_ value: JSONValue) {
                switch value {
                case .array(let nodes): nodes.forEach { visit($0.value) }
                case .object(let members):
                    if let graph = members.first(where: { $0.key == "@graph" }) { visit(graph.node.value) }
                    let type = members.first { $0.key == "@type" }.map { text($0.node.value) ?? texts($0.node.value).joined(separator: " ") } ?? ""
                    if type.contains("Article") || type.contains("BlogPosting") || type.contains("Report") { objects.append(value) }
                default: break
                }
            }
            jsonLD.forEach(visit)
            guard case .object(let members)? = objects.first else { return [] }
            return members.map { ($0.key, $0.node.value) }
        }

        func ldValue(_ key: String) -> JSONValue? { ld.first { $0.0 == key }?.1 }

        var siteName: String? { openGraph["og:site_name"] }

        var title: String? {
            if let title = openGraph["og:title"] ?? ldValue("headline").flatMap(text) { return title }
            // "Headline | Site": the site's own name is not part of the headline.
            if var title = titleTag {
                for site in [siteName, ldValue("publisher").flatMap(name)].compactMap({ $0 }) {
                    for separator in [" | ", " - ", " – ", " — ", " :: "] where title.hasSuffix(separator + site) {
                        title = String(title.dropLast(separator.count + site.count))
                    }
                }
                return title
            }
            return firstHeading
        }

        var publisher: String? {
            siteName ?? ldValue("publisher").flatMap(name) ?? named["publisher"] ?? named["application-name"]
        }

        var published: String? {
            openGraph["article:published_time"] ?? ldValue("datePublished").flatMap(text) ?? named["date"] ?? named["pubdate"]
                ?? named["dc.date"] ?? named["dcterms.date"] ?? named["citation_publication_date"]
        }

        var url: String? {
            canonical ?? openGraph["og:url"] ?? ldValue("url").flatMap(text) ?? ldValue("mainEntityOfPage").flatMap { text($0) ?? name($0, key: "@id") }
        }

        var authors: [String] {
            var names: [String] = []
            if let author = ldValue("author") { names += people(author) }
            names += authorTags
            if let author = named["author"] { names += [author] }
            // An author given as a profile address is not a name.
            var seen: Set<String> = []
            return names.filter { !$0.hasPrefix("http") && seen.insert($0).inserted }
        }

        func text(_ value: JSONValue) -> String? {
            if case .string(let text) = value { return clean(text) }
            return nil
        }

        func texts(_ value: JSONValue) -> [String] {
            if case .array(let nodes) = value { return nodes.compactMap { text($0.value) } }
            return text(value).map { [$0] } ?? []
        }

        func name(_ value: JSONValue) -> String? { name(value, key: "name") }

        func name(_ value: JSONValue, key: String) -> String? {
            if case .object(let members) = value { return members.first { $0.key == key }.flatMap { text($0.node.value) } }
            return text(value)
        }

        func people(_ value: JSONValue) -> [String] {
            if case .array(let nodes) = value { return nodes.flatMap { people($0.value) } }
            return name(value).map { [$0] } ?? []
        }
    }

    static func collectMetadata(_ node: xmlNodePtr, into metadata: inout Metadata) {
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            switch name(of: current) {
            case "title":
                if metadata.titleTag == nil { metadata.titleTag = nonEmpty(clean(text(of: current))) }
            case "meta":
                let content = attribute("content", of: current).map(clean)
                if let property = attribute("property", of: current)?.lowercased(), let content, !content.isEmpty {
                    if property == "article:author" { metadata.authorTags.append(content) }
                    else if metadata.openGraph[property] == nil { metadata.openGraph[property] = content }
                }
                if let name = attribute("name", of: current)?.lowercased(), let content, !content.isEmpty {
                    // Twitter cards repeat Open Graph under `name`.
                    if name.hasPrefix("og:") || name.hasPrefix("article:") {
                        if metadata.openGraph[name] == nil { metadata.openGraph[name] = content }
                    } else if metadata.named[name] == nil {
                        metadata.named[name] = content
                    }
                }
            case "link":
                if attribute("rel", of: current)?.lowercased() == "canonical", metadata.canonical == nil {
                    metadata.canonical = attribute("href", of: current).map(clean)
                }
            case "script":
                if attribute("type", of: current)?.lowercased() == "application/ld+json",
                   let parsed = try? JSONParser.parse(Array(text(of: current).utf8)) {
                    metadata.jsonLD.append(parsed.value)
                }
            case "h1":
                if metadata.firstHeading == nil { metadata.firstHeading = nonEmpty(clean(text(of: current))) }
                collectMetadata(current, into: &metadata)
            default:
                collectMetadata(current, into: &metadata)
            }
        }
    }

    // MARK: Paragraphs

    static func isFurniture(_ node: xmlNodePtr) -> Bool {
        if dropped.contains(name(of: node)) { return true }
        if let role = attribute("role", of: node)?.lowercased(), droppedRoles.contains(role) { return true }
        if attribute("hidden", of: node) != nil || attribute("aria-hidden", of: node)?.lowercased() == "true" { return true }
        let classes = attribute("class", of: node), id = attribute("id", of: node)
        // Most elements have neither: looking for every furniture word in nothing was a fifth of
        // importing a 100 MB page (issue 33).
        guard classes != nil || id != nil else { return false }
        let words = ((classes ?? "") + " " + (id ?? "")).lowercased()
        return furnitureWords.contains { words.contains($0) }
    }

    /// The innermost blocks' text, in order: a block holding other blocks (a blockquote of paragraphs)
    /// gives theirs; text standing directly in a container (a div with no paragraphs) is one paragraph.
    static func collectParagraphs(_ node: xmlNodePtr, into paragraphs: inout [String]) {
        var loose = ""
        func flushLoose() {
            let text = clean(loose)
            if !text.isEmpty { paragraphs.append(text) }
            loose = ""
        }
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                loose += content(of: current)
            case XML_ELEMENT_NODE:
                if isFurniture(current) { continue }
                let element = name(of: current)
                if element == "br" { loose += " "; continue }
                if blocks.contains(element) && !containsBlock(current) {
                    flushLoose()
                    let text = clean(text(of: current, skippingFurniture: true))
                    if !text.isEmpty { paragraphs.append(text) }
                } else if isInline(element) && !containsBlock(current) {
                    loose += text(of: current, skippingFurniture: true)
                } else {
                    flushLoose()
                    collectParagraphs(current, into: &paragraphs)
                }
            default:
                continue
            }
        }
        flushLoose()
    }

    static func isInline(_ element: String) -> Bool {
        ["a", "span", "em", "strong", "b", "i", "u", "small", "sub", "sup", "abbr", "cite", "q", "code", "mark", "time", "s", "del", "ins"].contains(element)
    }

    static func containsBlock(_ node: xmlNodePtr) -> Bool {
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            guard current.pointee.type == XML_ELEMENT_NODE, !isFurniture(current) else { continue }
            let element = name(of: current)
            if blocks.contains(element) || ["div", "section", "article", "table", "ul", "ol"].contains(element) || containsBlock(current) { return true }
        }
        return false
    }

    // MARK: libxml2 helpers

    static func first(named element: String, in node: xmlNodePtr) -> xmlNodePtr? {
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            if name(of: current) == element { return current }
            if let found = first(named: element, in: current) { return found }
        }
        return nil
    }

    static func name(of node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

    static func content(of node: xmlNodePtr) -> String {
        node.pointee.content.map { String(cString: $0) } ?? ""
    }

    static func attribute(_ name: String, of node: xmlNodePtr) -> String? {
        var property = node.pointee.properties
        while let current = property {
            defer { property = current.pointee.next }
            if let attributeName = current.pointee.name, String(cString: attributeName).lowercased() == name {
                var text = ""
                var child = current.pointee.children
                while let value = child {
                    text += content(of: value)
                    child = value.pointee.next
                }
                return text
            }
        }
        return nil
    }

    /// All the text under a node, in order (furniture left out when asked).
    static func text(of node: xmlNodePtr, skippingFurniture: Bool = false) -> String {
        var result = ""
        var child = node.pointee.children
        while let current = child {
            defer { child = current.pointee.next }
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: result += content(of: current)
            case XML_ELEMENT_NODE:
                if skippingFurniture && isFurniture(current) { continue }
                if name(of: current) == "br" { result += " " } else { result += text(of: current, skippingFurniture: skippingFurniture) }
            default: continue
            }
        }
        return result
    }

    /// Text as a browser shows it: runs of white space (no-break spaces kept) as one space, trimmed.
    /// (The white space is ASCII, so this works on the UTF-8 bytes: a 100 MB page was cleaned a
    /// scalar at a time, issue 33.)
    static func clean(_ text: String) -> String {
        var text = text
        let bytes: [UInt8] = text.withUTF8 { source in
            var result: [UInt8] = []
            result.reserveCapacity(source.count)
            var pendingSpace = false
            for byte in source {
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                    pendingSpace = !result.isEmpty
                    continue
                }
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                result.append(byte)
            }
            return result
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}
