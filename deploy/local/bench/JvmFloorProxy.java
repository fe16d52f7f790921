import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * The floor of a proxy on the JVM, for deploy/local/bench-gateway.sh --jvm-floor: Reactor Netty's server handing
 * each request to Reactor Netty's client (the two the gateway is built on, from the gateway jar itself), headers
 * copied and bodies streamed, routed by path as the gateway routes, on one event loop. It checks nothing (no token,
 * no firewall, no limit): it is what any JVM proxy costs on this machine before the work a gateway does, never a
 * way to run the platform.
 *
 * <p>Run as a source file: {@code java -cp "<the gateway jar's BOOT-INF/lib>/*" JvmFloorProxy.java PORT POLICY_PORT
 * TRAINING_PORT AUDIT_PORT}.
 */
public class JvmFloorProxy {

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        ConnectionProvider pool =
                ConnectionProvider.builder("jvm-floor").maxConnections(500).build();
        HttpClient policy = client(pool, args[1]);
        HttpClient training = client(pool, args[2]);
        HttpClient audit = client(pool, args[3]);
        HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .handle((request, response) -> {
                    String uri = request.uri();
                    HttpClient target = uri.startsWith("/api/policy/")
                            ? policy
                            : uri.startsWith("/api/training/") ? training : uri.startsWith("/api/audit/") ? audit : null;
                    if (target == null) {
                        return response.status(404).send();
                    }
                    return target.headers(headers -> headers.set(request.requestHeaders()).remove("host"))
                            .request(request.method())
                            .uri(uri)
                            .send((proxied, out) -> out.send(request.receive().retain()))
                            .response((answer, body) -> response.status(answer.status())
                                    .headers(answer.responseHeaders())
                                    .send(body.retain()))
                            .then();
                })
                .bindNow()
                .onDispose()
                .block();
    }

    private static HttpClient client(ConnectionProvider pool, String port) {
        return HttpClient.create(pool).baseUrl("http://127.0.0.1:" + port);
    }
}
