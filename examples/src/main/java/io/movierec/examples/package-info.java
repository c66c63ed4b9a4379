/**
 * Example programs to copy from: a quickstart that trains and serves on synthetic data, a
 * recommender embedded in an application, training and evaluating from Java, and a small HTTP
 * endpoint. They use the library as an application would; nothing depends on them.
 */
@NullMarked
package io.movierec.examples;

import org.jspecify.annotations.NullMarked;
