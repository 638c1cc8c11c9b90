import ControlRoom
import Testing

struct ListenAddressTests {
    @Test func addressesParseAndKnowWhetherTheyAreLoopback() throws {
        let good: [(String, String, Int, Bool)] = [
            ("127.0.0.1:8340", "127.0.0.1", 8340, true), ("localhost:80", "localhost", 80, true), ("[::1]:8340", "::1", 8340, true),
            ("127.1.2.3:0", "127.1.2.3", 0, true), ("0.0.0.0:8340", "0.0.0.0", 8340, false), ("[::]:8340", "::", 8340, false),
            ("192.168.1.10:8340", "192.168.1.10", 8340, false), ("yamg.local:8340", "yamg.local", 8340, false),
        ]
        for (text, host, port, loopback) in good {
            let address = try ListenAddress(parsing: text)
            #expect(address.host == host && address.port == port && address.isLoopback == loopback, "\(text)")
            #expect(address.description == text, "\(text) prints back as \(address)")
        }
        for text in ["8340", "127.0.0.1", ":8340", "127.0.0.1:http", "127.0.0.1:70000", "::1:8340", "[::1]8340", "a b:1", "host:-1"] {
            #expect(throws: ControlRoomError.self, "\(text)") { try ListenAddress(parsing: text) }
        }
    }

    @Test func tokensBeyondLoopbackMustBeGivenAndLong() throws {
        let web = "/nonexistent"
        #expect(throws: ControlRoomError.tokenRequired(try ListenAddress(parsing: "0.0.0.0:8340"))) {
            try ControlRoomSettings(address: try ListenAddress(parsing: "0.0.0.0:8340"), token: nil, webFolder: web).checkedToken()
        }
        let random = try ControlRoomSettings(address: try ListenAddress(parsing: "127.0.0.1:8340"), token: nil, webFolder: web).checkedToken()
        let again = try ControlRoomSettings(address: try ListenAddress(parsing: "127.0.0.1:8340"), token: nil, webFolder: web).checkedToken()
        #expect(random.count == 64 && random != again && random.allSatisfy(\.isHexDigit))
        #expect(ControlRoomSettings.tokenProblem("short") == "at least 32 characters, got 5")
        #expect(ControlRoomSettings.tokenProblem(String(repeating: "x", count: 31) + " y") == "printable ASCII without spaces or commas only")
        #expect(ControlRoomSettings.tokenProblem(String(repeating: "k", count: 40)) == nil)
    }
}
