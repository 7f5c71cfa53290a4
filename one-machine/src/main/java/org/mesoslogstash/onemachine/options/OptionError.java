package org.mesoslogstash.onemachine.options;

/** A command-line option that cannot be used; the message names the option, the value and what is accepted. */
public final class OptionError extends Exception {

    private static final long serialVersionUID = 1L;

    public OptionError(String message) {
        super(message);
    }
}
