package org.excerptbot.core.command;

import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Reply;

/** Changes every reply the dispatcher gives, after the handler ran: for how a chat chose to read the text. */
@FunctionalInterface
public interface ReplyTransform {
    /** Leaves replies as the handlers made them. */
    ReplyTransform NONE = (request, texts, reply) -> reply;

    Reply apply(Request request, Texts texts, Reply reply);
}
