package org.mesoslogstash.lscl;

/** What a section or a branch contains: plugins and if/else branches, in order. */
public sealed interface Statement permits Plugin, Branch {

    SourcePosition position();
}
