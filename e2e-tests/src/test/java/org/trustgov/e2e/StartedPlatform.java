package org.trustgov.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Marks a test class that needs the running platform; it is started once for all such classes. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(StartedPlatform.Extension.class)
@interface StartedPlatform {

    class Extension implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            Platform.start(context);
        }
    }
}
