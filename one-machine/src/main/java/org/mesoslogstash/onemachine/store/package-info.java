/** Where the logs go: an Elasticsearch endpoint the user gives, or the embedded OpenSearch node. */
package org.mesoslogstash.onemachine.store;
