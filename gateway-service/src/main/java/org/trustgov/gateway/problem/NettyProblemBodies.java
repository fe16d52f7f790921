package org.trustgov.gateway.problem;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.trustgov.problem.ProblemBodies;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * What the HTTP server itself refuses before Spring sees a request (a request line or headers too long, a request
 * that cannot be decoded, a URI Spring cannot parse) is answered with an empty 400, 414 or 431. This puts an RFC
 * 9457 problem body into any such empty error answer on its way out, so a client always learns the status and why.
 */
@Component
public class NettyProblemBodies implements NettyServerCustomizer {

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null
                    && channel.pipeline().get("trustgovProblemBodies") == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "trustgovProblemBodies", new Filler());
            }
        });
    }

    static final class Filler extends ChannelDuplexHandler {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof FullHttpResponse response
                    && response.status().code() >= 400
                    && response.content().readableBytes() == 0
                    && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
                HttpStatus status = HttpStatus.resolve(response.status().code());
                byte[] body = ProblemBodies.body(
                        status == null ? HttpStatus.BAD_REQUEST : status,
                        detail(response.status().code()),
                        null);
                FullHttpResponse filled = new DefaultFullHttpResponse(
                        response.protocolVersion(),
                        response.status(),
                        Unpooled.wrappedBuffer(body),
                        response.headers().copy(),
                        response.trailingHeaders().copy());
                filled.headers().set(HttpHeaderNames.CONTENT_TYPE, ProblemBodies.MEDIA_TYPE);
                filled.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
                response.release();
                super.write(ctx, filled, promise);
                return;
            }
            super.write(ctx, msg, promise);
        }

        private static String detail(int status) {
            return switch (status) {
                case 400 -> "The request could not be read: its path, headers or body are malformed";
                case 413 -> "The request body is too large";
                case 414 -> "The request path and query are too long";
                case 431 -> "The request headers are too large";
                default ->
                    HttpStatus.resolve(status) == null
                            ? "The request was refused"
                            : HttpStatus.resolve(status).getReasonPhrase();
            };
        }
    }
}
