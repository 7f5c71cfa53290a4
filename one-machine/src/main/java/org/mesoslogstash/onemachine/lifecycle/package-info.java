/** Starting and stopping the parts in order, and what the user is shown. */
package org.mesoslogstash.onemachine.lifecycle;
