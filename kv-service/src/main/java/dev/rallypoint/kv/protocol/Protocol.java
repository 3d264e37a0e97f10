package dev.rallypoint.kv.protocol;

/** A port's wire format: how it reads commands and writes replies. */
public interface Protocol {

    Parser parser();

    ReplyBuffer replies();
}
