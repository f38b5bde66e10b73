package dev.mentorflow.peer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Flowable's process engine and its REST API (/process-api), deploying processes/*.bpmn20.xml at start. */
@SpringBootApplication
public class PeerApplication {
  public static void main(String[] args) {
    SpringApplication.run(PeerApplication.class, args);
  }
}
