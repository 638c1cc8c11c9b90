import ControlRoom
import Foundation
import TestSupport
import Testing

/// What a hostile page in the same browser, or another local user, gets: nothing without the token, nothing from
/// another site's page or another host name, no file outside the recordings, no oversize body, no flood.
@Suite(.serialized, .tags(.slow), .timeLimit(.minutes(5))) struct ControlRoomSecurityTests {
    static let daemon: RunningDaemon = try! RunningDaemon("security")

    var daemon: RunningDaemon { Self.daemon }
    var bearer: (String, String) { ("Authorization", "Bearer \(daemon.runtime.token)") }

    /// Every API endpoint, as (method, path, body).
    var endpoints: [(String, String, String?)] {
        [("GET", "/api/state", nil), ("PATCH", "/api/controls", #"{"temperature": 0.9}"#), ("POST", "/api/actions/panic", nil),
         ("POST", "/api/actions/pause", nil), ("GET", "/api/recordings", nil), ("POST", "/api/links", nil),
         ("GET", "/api/recordings/x.mid", nil), ("GET", "/api/events", nil)]
    }

    @Test func noTokenOrAWrongOneIs401() throws {
        let wrong = [[], [("Authorization", "Bearer " + String(daemon.runtime.token.reversed()))], [("Authorization", "Bearer ")],
                     [("Authorization", daemon.runtime.token)], [("Authorization", "Basic \(daemon.runtime.token)")]]
        var checked = 0
        for headers in wrong {
            for (method, path, body) in endpoints {
                let answer = try daemon.http.send(method, path, headers: headers, body: body.map { Data($0.utf8) })
                #expect(answer.status == 401, "\(method) \(path) with \(headers): \(answer.status)")
                if answer.status == 401 { #expect(answer.headers["www-authenticate"]?.hasPrefix("Bearer") == true) }
                checked += 1
            }
            // Hummingbird's upgrade layer answers every refused upgrade with 400 (and no 101): the same checks as
            // the HTTP routes decide it.
            do {
                _ = try WebSocketClient(port: daemon.port, path: "/api/events", headers: headers)
                Issue.record("a WebSocket with \(headers) was accepted")
            } catch let refused as WebSocketClient.Refused {
                #expect(refused.status == 400, "\(refused.head)")
            }
        }
        #expect(checked == wrong.count * endpoints.count)
        #expect(try daemon.state()["paused"] as? Bool == false, "none of them paused it")
        // The token file is the daemon user's alone.
        var info = stat()
        #expect(stat(daemon.folder + "/run/yamg/" + RuntimeFile.name, &info) == 0 && info.st_mode & 0o777 == 0o600)
    }

    @Test func aForeignOriginIs403OnWritesAndTheWebSocket() throws {
        for origin in ["http://evil.example", "null", "http://127.0.0.1:\(daemon.port + 1)", "https://127.0.0.1:\(daemon.port)",
                       "http://localhost.evil.example:\(daemon.port)"] {
            for (method, path, body) in endpoints where method != "GET" {
                let answer = try daemon.http.send(method, path, headers: [bearer, ("Origin", origin)], body: body.map { Data($0.utf8) })
                #expect(answer.status == 403, "\(method) \(path) from \(origin): \(answer.status)")
            }
            do {
                _ = try WebSocketClient(port: daemon.port, path: "/api/events", headers: [bearer, ("Origin", origin)])
                Issue.record("a WebSocket from \(origin) was accepted")
            } catch let refused as WebSocketClient.Refused {
                #expect(refused.status == 400, "\(refused.head)")
            }
        }
        // The page's own origin may write, and open the stream with the token as a subprotocol (browsers cannot
        // set headers on a WebSocket).
        let own = "http://127.0.0.1:\(daemon.port)"
        #expect(try daemon.http.send("PATCH", "/api/controls", headers: [bearer, ("Origin", own)], body: Data(#"{"top-p": 0.9}"#.utf8)).status == 200)
        let socket = try WebSocketClient(port: daemon.port, path: "/api/events",
                                         headers: [("Origin", own), ("Sec-WebSocket-Protocol", "bearer.\(daemon.runtime.token)")])
        #expect(socket.responseHead.lowercased().contains("sec-websocket-protocol: bearer.\(daemon.runtime.token)"), "\(socket.responseHead)")
        #expect(try EventBatch(try #require(try socket.receive())).events.first?["type"] as? String == "hello")
    }

    @Test func aForeignHostIs421() throws {
        for host in ["evil.example:\(daemon.port)", "evil.example", "127.0.0.1:\(daemon.port + 1)", "localhost.evil.example:\(daemon.port)",
                     "127.0.0.2:\(daemon.port)", ""] {
            for (method, path, body) in endpoints + [("GET", "/", nil), ("GET", "/metrics", nil), ("GET", "/app.js", nil)] {
                let answer = try daemon.http.send(method, path, headers: [bearer, ("Host", host)], body: body.map { Data($0.utf8) })
                #expect(answer.status == 421 || (host.isEmpty && answer.status == 400), "\(method) \(path) for host '\(host)': \(answer.status)")
            }
        }
        for host in ["localhost:\(daemon.port)", "127.0.0.1:\(daemon.port)", "LOCALHOST:\(daemon.port)", "127.0.0.1"] {
            #expect(try daemon.http.send("GET", "/api/state", headers: [bearer, ("Host", host)]).status == 200, "\(host)")
        }
    }

    @Test func onlyListedRecordingsAreServed() throws {
        // A file outside the folder, reached by a link inside it, and a name that is not a recording.
        let secret = daemon.folder + "/secret.mid"
        try Data("MThd secret".utf8).write(to: URL(fileURLWithPath: secret))
        try FileManager.default.createSymbolicLink(atPath: daemon.recordings + "/link.mid", withDestinationPath: secret)
        try Data("not listed".utf8).write(to: URL(fileURLWithPath: daemon.recordings + "/notes.txt"))
        let names = try #require(try daemon.client.call("GET", "/api/recordings")["recordings"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(!names.contains("link.mid") && !names.contains("notes.txt") && !names.isEmpty, "\(names)")
        let attempts = ["/api/recordings/link.mid", "/api/recordings/link.mid/notes", "/api/recordings/notes.txt",
                        "/api/recordings/..%2Fsecret.mid", "/api/recordings/%2E%2E%2Fsecret.mid", "/api/recordings/../secret.mid",
                        "/api/recordings/..%2F..%2F..%2F..%2Fetc%2Fpasswd", "/api/recordings/%2Fetc%2Fpasswd",
                        "/api/recordings/" + (daemon.folder + "/secret.mid").addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
                        "/api/recordings/\(names[0])%00.txt", "/api/recordings/.", "/api/recordings/..", "/../secret.mid", "/..%2Fsecret.mid"]
        for path in attempts {
            let answer = try daemon.http.send("GET", path, headers: [bearer])
            #expect(answer.status == 404 || answer.status == 400, "\(path): \(answer.status)")
            #expect(!answer.text.contains("MThd secret"), "\(path) leaked the file")
        }
        #expect(try daemon.http.send("GET", "/api/recordings/\(names[0])", headers: [bearer]).status == 200)
    }

    @Test func anOversizeBodyIs413() throws {
        let big = "{\"temperature\": 0.9, \"pad\": \"" + String(repeating: "x", count: 20_000) + "\"}"
        let answer = try daemon.http.send("PATCH", "/api/controls", headers: [bearer], body: Data(big.utf8))
        #expect(answer.status == 413, "\(answer.status)")
        // Chunked, so no Content-Length warns of it.
        let chunks = String(format: "%x\r\n", big.utf8.count) + big + "\r\n0\r\n\r\n"
        let chunked = try daemon.http.send("PATCH", "/api/controls", headers: [bearer, ("Transfer-Encoding", "chunked")],
                                           body: Data(chunks.utf8), contentLength: false)
        #expect(chunked.status == 413, "chunked: \(chunked.status)")
    }

    /// Last: it spends the write budget.
    @Test func aFloodOfWritesIs429() throws {
        var statuses: [Int] = []
        for _ in 0..<60 {
            statuses.append(try daemon.http.send("PATCH", "/api/controls", headers: [bearer], body: Data(#"{"top-p": 0.95}"#.utf8)).status)
        }
        #expect(statuses.filter { $0 == 200 }.count >= 15, "the burst goes through: \(statuses)")
        #expect(statuses.contains(429), "\(statuses)")
        let limited = try daemon.http.send("POST", "/api/actions/panic", headers: [bearer])
        #expect(limited.status == 429 && limited.headers["retry-after"] == "1")
        #expect(try daemon.http.send("GET", "/api/state", headers: [bearer]).status == 200, "reads are not limited")
        Thread.sleep(forTimeInterval: 1.2)
        #expect(try daemon.http.send("POST", "/api/actions/panic", headers: [bearer]).status == 200, "the budget refills")
    }
}
