package org.crisisreplay.web;

import org.springframework.http.HttpStatus;

/** An answer other than 200, with the message the client sees. */
public class ApiError extends RuntimeException {

    private final HttpStatus status;

    public ApiError(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    public static ApiError notFound(String what) {
        return new ApiError(HttpStatus.NOT_FOUND, what);
    }

    public static ApiError badRequest(String message) {
        return new ApiError(HttpStatus.BAD_REQUEST, message);
    }
}
