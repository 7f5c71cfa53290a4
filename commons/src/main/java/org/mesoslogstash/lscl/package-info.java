/**
 * The Logstash configuration language (LSCL): a parser that answers to Logstash's own grammar, an
 * immutable syntax tree, and a printer that writes the tree back in canonical form.
 *
 * <p>Entry point: {@link org.mesoslogstash.lscl.Lscl#parse(String)} and
 * {@link org.mesoslogstash.lscl.Lscl#print(org.mesoslogstash.lscl.PipelineConfig)}. Every node is a
 * record with public constructors, and carries a {@link org.mesoslogstash.lscl.SourcePosition} that
 * never takes part in equality, so trees compare by content. docs/configuration-language.md says what
 * is accepted, how errors read, and the limits.
 */
package org.mesoslogstash.lscl;
