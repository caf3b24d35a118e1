package org.excerptbot.core.card;

import java.awt.Color;

/** The colours of a card: dark ink on warm paper, or light ink on a dark ground. */
public enum Theme {
    LIGHT(new Color(0xF8F4EC), new Color(0x22201C), new Color(0x5E5950), new Color(0x948D82), new Color(0xB0302A)),
    DARK(new Color(0x17191E), new Color(0xEAE6DE), new Color(0xB3ADA3), new Color(0x7A756D), new Color(0xE0705F));

    final Color background;
    final Color text;
    final Color muted;
    final Color faint;
    final Color accent;

    Theme(Color background, Color text, Color muted, Color faint, Color accent) {
        this.background = background;
        this.text = text;
        this.muted = muted;
        this.faint = faint;
        this.accent = accent;
    }
}
