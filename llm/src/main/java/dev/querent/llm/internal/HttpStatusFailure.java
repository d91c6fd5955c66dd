package dev.querent.llm.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResponseErrorHandler;

/**
 * An HTTP error answer from a provider, with the start of its body. Thrown by {@link #HANDLER} in
 * place of Spring AI's default handler, which encodes the status only in message text.
 */
public final class HttpStatusFailure extends RuntimeException {
    private static final int MAX_BODY = 2048;

    /** A {@link ResponseErrorHandler} for Spring's {@code RestClient} that throws this exception. */
    public static final ResponseErrorHandler HANDLER = new ResponseErrorHandler() {
        @Override
        public boolean hasError(ClientHttpResponse response) throws IOException {
            return response.getStatusCode().isError();
        }

        @Override
        public void handleError(URI url, HttpMethod method, ClientHttpResponse response) throws IOException {
            byte[] body = response.getBody().readNBytes(MAX_BODY);
            throw new HttpStatusFailure(response.getStatusCode().value(), new String(body, StandardCharsets.UTF_8));
        }
    };

    private final int status;
    private final String body;

    public HttpStatusFailure(int status, String body) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
