package org.trustgov.policy.policies;

import java.time.Instant;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** A trust policy such as {@code SM-001 Social media policy}; its versions and clauses hang off its code. */
@Document("policies")
public class Policy {

    @Id
    private String id;

    @Indexed(unique = true)
    private String code;

    private String title;

    @Version
    private Long revision;

    @CreatedDate
    private Instant createdAt;

    @LastModifiedDate
    private Instant updatedAt;

    protected Policy() {
    }

    public Policy(String code, String title) {
        this.code = code;
        this.title = title;
    }

    public String getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getTitle() {
        return title;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
