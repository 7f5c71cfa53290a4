package org.mesoslogstash.executor.sink.beats;

/**
 * Constants of the Lumberjack v2 protocol spoken by Logstash's beats input (see PROTOCOL.md of
 * logstash-plugins/logstash-input-beats). Every frame starts with the version byte {@code '2'}
 * and a type byte; integers are 32-bit big-endian.
 *
 * <ul>
 *   <li>{@code 2W window}: how many data frames follow before the writer waits for an ACK;</li>
 *   <li>{@code 2J seq length json}: one event as a JSON document;</li>
 *   <li>{@code 2C length zlib}: a zlib stream whose inflated bytes are whole frames;</li>
 *   <li>{@code 2A seq} (reader to writer): every data frame up to {@code seq} of the current
 *       window is acknowledged; {@code seq 0} only says the reader is alive and busy.</li>
 * </ul>
 *
 * <p>Like the Beats themselves (go-lumber), each window numbers its events from 1, so the ACK
 * that completes a window carries the window's size.
 */
final class Lumberjack {

    static final byte VERSION_2 = '2';
    static final byte WINDOW = 'W';
    static final byte JSON = 'J';
    static final byte COMPRESSED = 'C';
    static final byte ACK = 'A';

    static final int ACK_FRAME_LENGTH = 6;

    private Lumberjack() {
    }
}
