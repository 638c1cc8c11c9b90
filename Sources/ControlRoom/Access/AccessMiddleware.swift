import HTTPTypes
import Hummingbird

/// Every request passes here first, in this order: the `Host` must name this server (421), a write or the
/// WebSocket must come from no page or this server's page (`Origin`, 403), everything under `/api` needs the token
/// (401; `/api/login` needs a one-time code instead), a write must fit the body limit (413) and the rate limit
/// (429). Every answer then gets headers that keep a browser from sniffing, framing or leaking the page.
struct AccessMiddleware<Context: RequestContext>: RouterMiddleware {
    let policy: AccessPolicy
    let limiter: RateLimiter
    let maxBody: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        if let refusal = check(request) { response = refusal } else { response = try await next(request, context) }
        Self.harden(&response.headers)
        return response
    }

    /// The refusal of `request`, or nil when it may go on.
    func check(_ request: Request) -> Response? {
        guard policy.allowsHost(request.head.authority) else {
            return Responses.error(.misdirectedRequest, "this server does not answer to host '\(request.head.authority ?? "")'")
        }
        let path = request.uri.path
        let write = request.method != .get && request.method != .head
        if write || path == "/api/events" {
            guard policy.allowsOrigin(request.headers[.origin]) else {
                return Responses.error(.forbidden, "requests from pages of other sites are refused")
            }
        }
        if path.hasPrefix("/api/") && path != "/api/login" {
            guard policy.allowsToken(request.headers[.authorization]) || (path == "/api/events" && policy.allowsSubprotocol(request.headers[.secWebSocketProtocol]) != nil) else {
                return Responses.error(.unauthorized, "missing or wrong token: send Authorization: Bearer <token> (yamg ctl finds it)",
                                       headers: [.wwwAuthenticate: "Bearer realm=\"yamg\""])
            }
        }
        if write {
            if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBody {
                return Responses.error(.contentTooLarge, "request body over \(maxBody) bytes")
            }
            guard limiter.allow() else {
                return Responses.error(.tooManyRequests, "too many changes at once: at most \(Int(limiter.rate)) a second",
                                       headers: [.retryAfter: "1"])
            }
        }
        return nil
    }

    static func harden(_ headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = "default-src 'self'; connect-src 'self'; img-src 'self' data: blob:; "
            + "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
    }
}
