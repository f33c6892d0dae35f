package org.mniststudio;
public class Main { public static void main(String[] a) {} }
